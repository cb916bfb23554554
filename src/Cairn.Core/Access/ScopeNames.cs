using Cairn.Core.Errors;

namespace Cairn.Core.Access;

/// <summary>Parses and formats scopes as the lowercase names used on the wire (<c>read</c>, <c>write</c>, <c>deploy</c>, <c>admin</c>, <c>deanonymize</c>).</summary>
public static class ScopeNames
{
    private static readonly (Scope Scope, string Name)[] Names =
    [
        (Scope.Read, "read"), (Scope.Write, "write"), (Scope.Deploy, "deploy"), (Scope.Admin, "admin"), (Scope.Deanonymize, "deanonymize"),
    ];

    /// <summary>The valid names, in order.</summary>
    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    /// <summary>Parses a list of names; an unknown or empty list is an error naming <paramref name="field"/>.</summary>
    public static Scope Parse(IEnumerable<string>? names, string field = "scopes")
    {
        if (names is null)
        {
            throw CairnException.Invalid(field, "is required (one or more of read, write, deploy, admin, deanonymize)");
        }

        var result = Scope.None;
        foreach (var raw in names)
        {
            var match = Names.FirstOrDefault(n => string.Equals(n.Name, raw?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                throw CairnException.Invalid(field, $"'{raw}' is not a scope; valid scopes are {string.Join(", ", All)}");
            }

            result |= match.Scope;
        }

        return result == Scope.None ? throw CairnException.Invalid(field, "must name at least one scope") : result;
    }

    /// <summary>Formats scopes as a comma-separated list, e.g. <c>read,write</c>.</summary>
    public static string Format(Scope scopes) =>
        string.Join(',', Names.Where(n => scopes.HasFlag(n.Scope)).Select(n => n.Name));

    /// <summary>Formats scopes as a list of names.</summary>
    public static string[] ToList(Scope scopes) => Names.Where(n => scopes.HasFlag(n.Scope)).Select(n => n.Name).ToArray();
}
