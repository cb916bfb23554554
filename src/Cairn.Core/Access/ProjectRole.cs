namespace Cairn.Core.Access;

/// <summary>A principal's role in one project, from least to most privileged.</summary>
public enum ProjectRole
{
    /// <summary>Reads everything in the project.</summary>
    Viewer = 0,

    /// <summary>Also creates and changes runs, models and evaluations.</summary>
    Editor = 1,

    /// <summary>An editor who may also approve promotions.</summary>
    Approver = 2,

    /// <summary>Everything in the project: deployments, members, keys, audit.</summary>
    Owner = 3,
}
