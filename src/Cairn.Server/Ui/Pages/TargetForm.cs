namespace Cairn.Server.Ui.Pages;

/// <summary>Fields of the revoke-key and remove-member forms.</summary>
public sealed class TargetForm
{
    public long KeyId { get; set; }

    public string? Principal { get; set; }
}
