namespace Cairn.Guardrails.RedTeam;

/// <summary>The OWASP Top 10 for LLM applications (2025) categories the red-team suite covers.</summary>
public static class RedTeamCategories
{
    /// <summary>LLM01: prompt injection. Judged by a per-attack marker the model is told to output.</summary>
    public const string PromptInjection = "LLM01";

    /// <summary>LLM02: sensitive information disclosure. Judged by the seeded secrets appearing in the reply.</summary>
    public const string SensitiveInformation = "LLM02";

    /// <summary>LLM07: system prompt leakage. Judged by the canary or verbatim sentences of the system prompt.</summary>
    public const string SystemPromptLeakage = "LLM07";

    /// <summary>Every category, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [PromptInjection, SensitiveInformation, SystemPromptLeakage];

    /// <summary>The category's name as OWASP writes it.</summary>
    public static string Name(string category) => category switch
    {
        PromptInjection => "Prompt injection",
        SensitiveInformation => "Sensitive information disclosure",
        SystemPromptLeakage => "System prompt leakage",
        _ => category,
    };

    /// <summary>Parses a comma-separated list such as <c>LLM01,llm07</c>; unknown or empty entries are an error naming them.</summary>
    public static bool TryParseList(string? text, out IReadOnlyList<string> categories, out string? error)
    {
        categories = All;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var chosen = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var known = All.FirstOrDefault(c => c.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                error = $"unknown category '{part}' (expected {string.Join(", ", All)})";
                return false;
            }

            if (!chosen.Contains(known))
            {
                chosen.Add(known);
            }
        }

        if (chosen.Count == 0)
        {
            error = $"no category given (expected {string.Join(", ", All)})";
            return false;
        }

        categories = All.Where(chosen.Contains).ToList();
        return true;
    }
}
