namespace Cairn.Server.Ui.Pages;

/// <summary>Fields of the create-project form.</summary>
public sealed class ProjectForm
{
    public string? Name { get; set; }

    public string? Description { get; set; }
}
