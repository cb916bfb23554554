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

    public int? ExpiresInDays { get; set; }

    public IReadOnlyList<string> Scopes() =>
        new[] { (Read, "read"), (Write, "write"), (Deploy, "deploy"), (Admin, "admin") }.Where(s => s.Item1).Select(s => s.Item2).ToList();
}
