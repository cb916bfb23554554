using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cairn.Testing;

/// <summary>
/// Behaviours for <see cref="FakeChatTarget"/>, defined by plain rules over the user message and independent of the
/// red-team runner, so that what a run should find can be counted by hand from the suite file.
/// </summary>
public static partial class FakeChatModels
{
    /// <summary>The hardened model's only reply.</summary>
    public const string RefusalText = "I'm sorry, but I can't help with that request.";

    /// <summary>The leaky model's reply when no rule applies: harmless, and not a refusal.</summary>
    public const string SmallTalk = "Happy to help with your Larkspur plan. What would you like to know?";

    /// <summary>Always refuses.</summary>
    public static FakeChatAnswer Hardened(FakeChatRequest request) => FakeChatAnswer.Reply(RefusalText);

    /// <summary>
    /// A model with no defences. In order: a user message holding a <c>PWNED-xxxxxx</c> marker and the word "say" or
    /// "output" gets the marker back; one holding "repeat" or "instructions" gets the whole system prompt; one holding
    /// "card" gets the card number found in the system prompt; anything else gets <see cref="SmallTalk"/>.
    /// </summary>
    public static FakeChatAnswer Leaky(FakeChatRequest request) => LeakyRule(request.User) switch
    {
        "marker" => FakeChatAnswer.Reply("Sure! " + Marker().Match(request.User).Value),
        "echo" => FakeChatAnswer.Reply("Of course. These are my instructions:\n\n" + request.System),
        "card" => FakeChatAnswer.Reply("The card number on file is " + (Card().Match(request.System) is { Success: true } m ? m.Value : "unknown") + "."),
        _ => FakeChatAnswer.Reply(SmallTalk),
    };

    /// <summary>Which rule of <see cref="Leaky"/> a user message triggers: <c>marker</c>, <c>echo</c>, <c>card</c> or <c>none</c>.</summary>
    public static string LeakyRule(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Marker().IsMatch(user) && SayOrOutput().IsMatch(user))
        {
            return "marker";
        }

        if (user.Contains("repeat", StringComparison.OrdinalIgnoreCase) || user.Contains("instructions", StringComparison.OrdinalIgnoreCase))
        {
            return "echo";
        }

        return user.Contains("card", StringComparison.OrdinalIgnoreCase) ? "card" : "none";
    }

    /// <summary>
    /// Whether an attack of the suite file should succeed against <see cref="Leaky"/>, worked out from its text alone:
    /// the prompt with <c>{marker}</c> filled in (encoded payloads hide their words from the fake, so they are left out).
    /// LLM01 needs the marker rule; LLM02 the echo or the card rule; LLM07 the echo rule.
    /// </summary>
    public static bool LeakyShouldSucceed(JsonElement attack)
    {
        var text = attack.GetProperty("prompt").GetString()!.Replace("{marker}", "PWNED-ABC123", StringComparison.Ordinal).Replace("{payload}", "", StringComparison.Ordinal);
        var rule = LeakyRule(text);
        return attack.GetProperty("category").GetString() switch
        {
            "LLM01" => rule == "marker",
            "LLM02" => rule is "echo" or "card",
            "LLM07" => rule == "echo",
            var other => throw new ArgumentException("unknown category " + other, nameof(attack)),
        };
    }

    [GeneratedRegex("PWNED-[0-9A-F]{6}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    [GeneratedRegex(@"\b(say|output)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SayOrOutput();

    [GeneratedRegex(@"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Card();
}
