using System.Globalization;
using Cairn.Client;
using Cairn.Client.Contracts;

namespace Cairn.Cli.Commands;

/// <summary>
/// A reference to a model or version as users write it: <c>fraud</c>, <c>fraud/3</c>, <c>fraud@champion</c>,
/// or the same with MLflow's <c>models:/</c> prefix.
/// </summary>
public sealed record ModelRef(string Name, long? Version, string? Alias)
{
    public static ModelRef Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.StartsWith("models:/", StringComparison.Ordinal) ? text["models:/".Length..] : text;
        var slash = s.LastIndexOf('/');
        if (slash > 0 && long.TryParse(s[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            return new ModelRef(s[..slash], v, null);
        }

        var at = s.LastIndexOf('@');
        return at > 0 ? new ModelRef(s[..at], null, s[(at + 1)..]) : new ModelRef(s, null, null);
    }

    /// <summary>The version this names; a bare model name means its newest version.</summary>
    public async Task<ModelVersionDto> ResolveAsync(CairnClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (Version is { } v)
        {
            return await client.GetVersionAsync(Name, v, ct).ConfigureAwait(false);
        }

        if (Alias is not null)
        {
            return await client.GetVersionByAliasAsync(Name, Alias, ct).ConfigureAwait(false);
        }

        var versions = await client.ListVersionsAsync(Name, ct).ConfigureAwait(false);
        return versions.Length > 0 ? versions[0] : throw new CairnApiException(System.Net.HttpStatusCode.NotFound, new ProblemDto(404, "Not found", $"{Name} has no versions", null));
    }
}
