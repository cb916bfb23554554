namespace Cairn.Server.Ui.Pages;

/// <summary>Fields of the create-key form.</summary>
public sealed class KeyForm
{
    public string? Name { get; set; }

    public string? Principal { get; set; }

    public bool Read { get; set; }

    public bool Write { get; set; }

    public bool Deploy { get; set; }

    public bool Admin { get; set; }

    /// <summary>As typed: parsed by <see cref="Days"/> so a bad value is an error, not a silent "never".</summary>
    public string? ExpiresInDays { get; set; }

    public int? Days() => string.IsNullOrWhiteSpace(ExpiresInDays)
        ? null
        : int.TryParse(ExpiresInDays, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days)
            ? days
            : throw Cairn.Core.Errors.CairnException.Invalid("expires_in_days", "must be a whole number of days between 1 and 3650");

    public IReadOnlyList<string> Scopes() =>
        new[] { (Read, "read"), (Write, "write"), (Deploy, "deploy"), (Admin, "admin") }.Where(s => s.Item1).Select(s => s.Item2).ToList();
}
