namespace Cairn.Testing;

/// <summary>What a <see cref="FakeChatTarget"/> received: the fields of an OpenAI chat completions request that matter to a red-team run.</summary>
/// <param name="Model">The <c>model</c> field.</param>
/// <param name="System">The content of the system message ("" when none).</param>
/// <param name="User">The content of the last user message.</param>
/// <param name="Temperature">The <c>temperature</c> field, when sent.</param>
/// <param name="Authorization">The Authorization header, when sent.</param>
/// <param name="Attempt">How many times this user message has arrived so far, this one included (1 on the first).</param>
/// <param name="ContentLength">The Content-Length header (null when the body came in chunks, which some real servers refuse).</param>
public sealed record FakeChatRequest(string Model, string System, string User, double? Temperature, string? Authorization, int Attempt, long? ContentLength);
