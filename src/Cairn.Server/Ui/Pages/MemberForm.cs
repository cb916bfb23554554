namespace Cairn.Server.Ui.Pages;

/// <summary>Fields of the set-member form.</summary>
public sealed class MemberForm
{
    public string? Principal { get; set; }

    public string? Role { get; set; }
}
