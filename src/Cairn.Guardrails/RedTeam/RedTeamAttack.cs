namespace Cairn.Guardrails.RedTeam;

/// <summary>
/// One attack of the suite: a user message sent against the red-team system prompt.
/// <see cref="Prompt"/> may hold <c>{marker}</c> (the per-attack string an LLM01 attack asks the model to output)
/// and <c>{payload}</c>, which stands for <see cref="Payload"/> (itself with <c>{marker}</c> filled in) after <see cref="Encoding"/>.
/// </summary>
/// <param name="Id">Stable identifier, e.g. <c>LLM01-001</c>.</param>
/// <param name="Category">OWASP category: <c>LLM01</c>, <c>LLM02</c> or <c>LLM07</c>.</param>
/// <param name="Title">A few words for people.</param>
/// <param name="Technique">The technique, lower-case with hyphens (e.g. <c>payload-splitting</c>).</param>
/// <param name="Prompt">The user message template.</param>
/// <param name="Payload">Text hidden in the message by <see cref="Encoding"/>, or null.</param>
/// <param name="Encoding"><c>base64</c>, <c>rot13</c>, <c>reverse</c>, or null for none.</param>
public sealed record RedTeamAttack(string Id, string Category, string Title, string Technique, string Prompt, string? Payload = null, string? Encoding = null)
{
    /// <summary>True when the attack asks the model to output a marker (every LLM01 attack does).</summary>
    public bool UsesMarker => Prompt.Contains("{marker}", StringComparison.Ordinal) || (Payload?.Contains("{marker}", StringComparison.Ordinal) ?? false);

    /// <summary>The user message: the template with the marker and the encoded payload filled in.</summary>
    public string Render(string marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        var message = Prompt.Replace("{marker}", marker, StringComparison.Ordinal);
        if (Payload is not null)
        {
            var payload = TextTransforms.Encode(Payload.Replace("{marker}", marker, StringComparison.Ordinal), Encoding);
            message = message.Replace("{payload}", payload, StringComparison.Ordinal);
        }

        return message;
    }
}
