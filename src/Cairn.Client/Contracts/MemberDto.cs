namespace Cairn.Client.Contracts;

/// <summary>A member of a project.</summary>
/// <param name="Principal">Principal name.</param>
/// <param name="Role">viewer, editor, approver or owner.</param>
/// <param name="CreatedAt">When granted, ms since the epoch.</param>
public sealed record MemberDto(string Principal, string Role, long CreatedAt);
