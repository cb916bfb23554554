namespace Cairn.Client.Contracts;

/// <summary>One page of a run search.</summary>
public sealed record RunPageDto(IReadOnlyList<RunDto> Runs, string? NextPageToken);
