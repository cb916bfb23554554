namespace Cairn.Client.Contracts;

/// <summary>Body of <c>PUT /api/v1/projects/{project}/members/{principal}</c>.</summary>
/// <param name="Role">viewer, editor, approver or owner.</param>
public sealed record SetMemberRequest(string? Role);
