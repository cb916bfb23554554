using System.Globalization;
using System.Text.RegularExpressions;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Tracking;

namespace Cairn.Registry;

/// <summary>Names, versions, aliases and stages with MLflow's rules and wording.</summary>
public static partial class RegistryValidation
{
    public const int MaxNameLength = 256;

    /// <summary>A registered model name: 1–256 characters, no '/', '%', control characters (it appears in download paths).</summary>
    public static string Name(string? name, string field = "name")
    {
        if (string.IsNullOrEmpty(name))
        {
            throw TrackingValidation.Missing(field);
        }

        if (name.Length > MaxNameLength || name.Any(c => c is '/' or '%' or '\\' || char.IsControl(c)) || name.Trim() != name)
        {
            throw CairnException.Invalid(field, $"Invalid registered model name '{name}': 1-{MaxNameLength} characters without '/', '\\', '%', control characters or surrounding spaces");
        }

        return Core.Text.Utf16.LoneSurrogateAt(name) < 0 ? name : throw CairnException.Invalid(field, "the name contains a lone surrogate");
    }

    /// <summary>A version number sent as a string ("3") or number.</summary>
    public static long Version(string? version, string field = "version")
    {
        if (string.IsNullOrEmpty(version))
        {
            throw TrackingValidation.Missing(field);
        }

        return long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw CairnException.Invalid(field, $"Model version must be a positive integer, got '{version}'");
    }

    /// <summary>MLflow's alias rule: <c>^[\w\-]*$</c>, at most 255 characters, not <c>latest</c> nor <c>v&lt;number&gt;</c>.</summary>
    public static string Alias(string? alias)
    {
        if (string.IsNullOrEmpty(alias))
        {
            throw TrackingValidation.Missing("alias");
        }

        if (alias.Length > 255 || !AliasPattern().IsMatch(alias))
        {
            throw CairnException.Invalid("alias", $"Invalid alias name '{alias}'. Aliases may only contain alphanumerics, underscores and dashes, at most 255 characters.");
        }

        return alias.Equals("latest", StringComparison.OrdinalIgnoreCase) || VersionLike().IsMatch(alias)
            ? throw CairnException.Invalid("alias", $"'{alias}' is reserved and cannot be used as an alias")
            : alias;
    }

    /// <summary>A stage name, matched case-insensitively and returned as MLflow spells it.</summary>
    public static string Stage(string? stage) =>
        ModelStages.All.FirstOrDefault(s => s.Equals(stage, StringComparison.OrdinalIgnoreCase))
        ?? throw CairnException.Invalid("stage", $"Invalid Model Version stage: {stage}. Value must be one of {string.Join(", ", ModelStages.All)}.");

    public static string RiskTier(string? tier) =>
        RiskTiers.All.FirstOrDefault(t => t.Equals(tier, StringComparison.OrdinalIgnoreCase))
        ?? throw CairnException.Invalid("risk_tier", $"'{tier}' is not a risk tier; use one of {string.Join(", ", RiskTiers.All)}");

    public static CairnException ModelNotFound(string name) => new(ErrorKind.NotFound, $"Registered Model with name={name} not found");

    public static CairnException VersionNotFound(string name, long version) =>
        new(ErrorKind.NotFound, $"Model Version (name={name}, version={version.ToString(CultureInfo.InvariantCulture)}) not found");

    [GeneratedRegex(@"^[\w\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"^[vV]\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionLike();
}
