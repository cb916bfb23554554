namespace Cairn.Testing;

/// <summary>How a <see cref="FakeChatTarget"/> answers: a completion with <paramref name="Content"/>, or an error status.</summary>
/// <param name="Status">200 for a completion; anything else is sent as an OpenAI error object with that status.</param>
/// <param name="Content">The assistant message content of a completion.</param>
public sealed record FakeChatAnswer(int Status, string? Content)
{
    public static FakeChatAnswer Reply(string content) => new(200, content);

    public static FakeChatAnswer Fail(int status) => new(status, null);
}
