namespace Cairn.Guardrails.Injection;

/// <summary>Why a text was scored as it was: a signature that matched or the classifier's verdict on a stretch.</summary>
/// <param name="Check"><c>signature</c> or <c>classifier</c>.</param>
/// <param name="Id">The signature's id, or <c>classifier</c>.</param>
/// <param name="Category">override, jailbreak, extraction, exfiltration, indirect, delimiter; for the classifier, injection.</param>
/// <param name="Start">First UTF-16 index in the text as sent.</param>
/// <param name="End">One past the last.</param>
/// <param name="Layer">Where it was read: <c>text</c>, or the encoding it was hidden in (base64, hex, percent, rot13, unicode-tags).</param>
/// <param name="Score">For the classifier, its probability; for a signature, null.</param>
public sealed record InjectionFinding(string Check, string Id, string Category, int Start, int End, string Layer, double? Score = null);

/// <summary>The verdict on a text: the highest probability over its stretches and decoded layers, and the evidence.</summary>
public sealed record InjectionResult(double Score, bool Flagged, double Threshold, IReadOnlyList<InjectionFinding> Findings, IReadOnlyList<DecodedSegment> Decoded, bool Disguised);

/// <summary>One stretch of a text as the classifier reads it.</summary>
public sealed record InjectionView((int[] Index, float[] Value) Features, int Start, int End, bool Signed, string Layer);

/// <summary>
/// Layered prompt-injection and jailbreak detection. The text is normalized (<see cref="InjectionNormalizer"/>),
/// searched for encoded payloads (<see cref="EmbeddedDecoder"/>: base64, hex, percent, tag characters; ROT13 when its
/// decoding matches a signature), matched against <see cref="InjectionSignatures"/>, and scored by the classifier
/// on the whole text, on the overlapping 512-character stretches of a long one where a signature fired (an
/// instruction hidden in a document does not drown in it), and on each decoded payload. The score is the highest of these.
/// </summary>
public sealed class InjectionDetector(InjectionModel model)
{
    public const int Window = 512;
    public const int Step = 256;
    public const double DefaultThreshold = 0.5;

    private static readonly Lazy<InjectionDetector> Shipped = new(() =>
        new InjectionDetector(InjectionModel.Default ?? throw new InvalidOperationException("this build has no injection model; run scripts/train-injection-classifier.sh")));

    public static InjectionDetector Default => Shipped.Value;

    public InjectionResult Detect(string text, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(text);
        var views = Views(text, allStretches: false, out var findings, out var decoded, out var disguised);
        var best = (Score: 0.0, View: (InjectionView?)null);
        foreach (var v in views)
        {
            // A stretch of a long text counts when a signature fired in it: the whole text speaks for the rest.
            if (v.Layer == "text" && !ReferenceEquals(v, views[0]) && !v.Signed)
            {
                continue;
            }

            var p = model.Probability(v.Features);
            if (p > best.Score)
            {
                best = (p, v);
            }
        }

        if (best.View is { } top && best.Score >= threshold)
        {
            findings.Insert(0, new InjectionFinding("classifier", "classifier", "injection", top.Start, top.End, top.Layer, Math.Round(best.Score, 4)));
        }

        return new InjectionResult(Math.Round(best.Score, 4), best.Score >= threshold, threshold, findings, decoded, disguised);
    }

    /// <summary>The views of a text: the whole, every stretch of a long one, and the decoded layers (what training reads).</summary>
    public static List<InjectionView> Views(string text, out List<InjectionFinding> findings, out List<DecodedSegment> decoded, out bool disguised) =>
        Views(text, allStretches: true, out findings, out decoded, out disguised);

    private static List<InjectionView> Views(string text, bool allStretches, out List<InjectionFinding> findings, out List<DecodedSegment> decoded, out bool disguised)
    {
        ArgumentNullException.ThrowIfNull(text);
        findings = [];
        var views = new List<InjectionView>();
        var normalized = InjectionNormalizer.Normalize(text);
        disguised = normalized.Changed;
        decoded = EmbeddedDecoder.Decode(text);
        var hits = InjectionSignatures.Match(normalized.Text);
        var rot = InjectionSignatures.Match(EmbeddedDecoder.Rot13(normalized.Text));
        if (rot.Count > 0 && rot.Count > hits.Count)
        {
            var (s, e) = normalized.Original(rot.Min(h => h.Start), rot.Max(h => h.End));
            decoded.Add(new DecodedSegment("rot13", s, e, EmbeddedDecoder.Rot13(text[s..e])));
        }

        foreach (var (sig, start, end) in hits)
        {
            var (s, e) = normalized.Original(start, end);
            findings.Add(new InjectionFinding("signature", sig.Id, sig.Category, s, e, "text"));
        }

        var n = normalized.Text;
        var all = hits.Select(h => h.Signature.Category).ToHashSet(StringComparer.Ordinal);
        var (ws, we) = normalized.Original(0, n.Length);
        views.Add(new InjectionView(InjectionFeatures.Extract(n, all, decoded.Count > 0, disguised), ws, we, all.Count > 0, "text"));
        if (n.Length > Window + Step)
        {
            for (var at = 0; at < n.Length - Step; at += Step)
            {
                var end = Math.Min(n.Length, at + Window);
                var inside = hits.Where(h => h.Start < end && h.End > at).Select(h => h.Signature.Category).ToHashSet(StringComparer.Ordinal);
                if (inside.Count == 0 && !allStretches)
                {
                    continue;
                }

                var (s, e) = normalized.Original(at, end);
                views.Add(new InjectionView(InjectionFeatures.Extract(n[at..end], inside, false, disguised), s, e, inside.Count > 0, "text"));
            }
        }

        foreach (var segment in decoded.ToList())
        {
            var inner = InjectionNormalizer.Normalize(segment.Text);
            var innerHits = InjectionSignatures.Match(inner.Text);
            foreach (var (sig, _, _) in innerHits)
            {
                findings.Add(new InjectionFinding("signature", sig.Id, sig.Category, segment.Start, segment.End, segment.Encoding));
            }

            var categories = innerHits.Select(h => h.Signature.Category).ToHashSet(StringComparer.Ordinal);
            views.Add(new InjectionView(InjectionFeatures.Extract(inner.Text, categories, true, disguised), segment.Start, segment.End, categories.Count > 0, segment.Encoding));
            if (segment.Encoding != "rot13" && decoded.Count < 24)
            {
                foreach (var nested in EmbeddedDecoder.Decode(segment.Text))
                {
                    var again = InjectionNormalizer.Normalize(nested.Text);
                    var nestedHits = InjectionSignatures.Match(again.Text).Select(h => h.Signature.Category).ToHashSet(StringComparer.Ordinal);
                    var layer = segment.Encoding + "+" + nested.Encoding;
                    decoded.Add(new DecodedSegment(layer, segment.Start, segment.End, nested.Text));
                    views.Add(new InjectionView(InjectionFeatures.Extract(again.Text, nestedHits, true, disguised), segment.Start, segment.End, nestedHits.Count > 0, layer));
                }
            }
        }

        return views;
    }
}
