using System.Net;
using Cairn.Client.Contracts;

namespace Cairn.Client;

/// <summary>An error answer from Cairn, with its problem details.</summary>
public sealed class CairnApiException : Exception
{
    /// <summary>Creates the exception from a status and the parsed problem.</summary>
    public CairnApiException(HttpStatusCode status, ProblemDto? problem)
        : base(problem?.Detail ?? problem?.Title ?? $"HTTP {(int)status}")
    {
        Status = status;
        Problem = problem;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem body, when the server sent one.</summary>
    public ProblemDto? Problem { get; }
}
