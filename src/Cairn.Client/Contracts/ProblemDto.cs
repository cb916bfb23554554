namespace Cairn.Client.Contracts;

/// <summary>An RFC 9457 problem as Cairn sends it.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Title">Short summary.</param>
/// <param name="Detail">What went wrong, naming the field and rule.</param>
/// <param name="Errors">Field-level errors, when any.</param>
public sealed record ProblemDto(int? Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]>? Errors);
