using System.Diagnostics;
using System.Text;
using Cairn.Core.Errors;
using Cairn.Guardrails.Injection;
using Cairn.Guardrails.Pii;

namespace Cairn.Guardrails.Policies;

/// <summary>
/// Runs a policy's checks for one stage over a text, in order, each timed and traced (an activity per check on the
/// <c>Cairn.Guardrails</c> source). Every check reads the text as sent, so every span points into it; redactions
/// are applied together at the end (of overlapping ones the earlier, then the longer wins).
/// </summary>
public sealed class PolicyPipeline(PiiAnalyzer analyzer, InjectionDetector detector, IPiiTokenizer? tokenizer)
{
    public const string SourceName = "Cairn.Guardrails";
    private static readonly ActivitySource Source = new(SourceName);

    public PolicyResult Run(GuardPolicy policy, string stage, string text)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(text);
        var checks = stage switch
        {
            "input" => policy.Input,
            "output" => policy.Output,
            _ => throw CairnException.Invalid("stage", "must be 'input' or 'output'"),
        };
        var total = Stopwatch.StartNew();
        var outcomes = new List<CheckOutcome>();
        var rewrites = new List<(int Start, int End, string With)>();
        var action = PolicyAction.Allow;
        foreach (var check in checks)
        {
            using var activity = Source.StartActivity("guardrail." + check.Kind);
            activity?.SetTag("guardrail.check", check.Name);
            activity?.SetTag("guardrail.stage", stage);
            var clock = Stopwatch.StartNew();
            var (score, findings, edits) = Evaluate(check, text);
            var fired = findings.Count > 0;
            activity?.SetTag("guardrail.fired", fired);
            outcomes.Add(new CheckOutcome(check.Name, check.Kind, check.Action, fired, Math.Round(clock.Elapsed.TotalMilliseconds, 3), score, findings));
            if (fired)
            {
                action = (PolicyAction)Math.Max((int)action, (int)check.Action);
                if (check.Action == PolicyAction.Redact)
                {
                    rewrites.AddRange(edits);
                }
            }
        }

        var allowed = action != PolicyAction.Block;
        return new PolicyResult(stage, action, allowed, allowed ? Rewrite(text, rewrites) : null, outcomes, Math.Round(total.Elapsed.TotalMilliseconds, 3));
    }

    private (double? Score, List<CheckFinding> Findings, List<(int, int, string)> Edits) Evaluate(PolicyCheck check, string text)
    {
        var findings = new List<CheckFinding>();
        var edits = new List<(int, int, string)>();
        switch (check.Kind)
        {
            case "pii":
                var entities = analyzer.Analyze(text, check.Entities?.ToArray(), check.Threshold);
                foreach (var e in entities)
                {
                    findings.Add(new CheckFinding(e.Type, e.Start, e.End, e.Score));
                    if (check.Action == PolicyAction.Redact)
                    {
                        edits.Add((e.Start, e.End, Anonymizer.Replacement(text, e, check.Operator ?? new AnonymizeOperator("replace"), tokenizer)));
                    }
                }

                return (entities.Count == 0 ? null : entities.Max(e => e.Score), findings, edits);
            case "injection":
                var verdict = detector.Detect(text, check.Threshold);
                if (verdict.Flagged)
                {
                    findings.AddRange(verdict.Findings.Select(f => new CheckFinding(f.Check == "classifier" ? "injection" : f.Id, f.Start, f.End, f.Score)));
                }

                return (verdict.Score, findings, edits);
            case "deny_topics":
                foreach (var (topic, start, end) in Topics.Find(text, check.Topics!))
                {
                    findings.Add(new CheckFinding(topic, start, end));
                    edits.Add((start, end, "<" + topic + ">"));
                }

                return (null, findings, edits);
            case "regex":
                // The parser compiled the pattern non-backtracking: linear in the text, no time limit needed.
                foreach (var m in check.Pattern!.Matches(text).Where(m => m.Length > 0).Take(1000))
                {
                    findings.Add(new CheckFinding(check.Name, m.Index, m.Index + m.Length));
                    edits.Add((m.Index, m.Index + m.Length, "<" + check.Name + ">"));
                }

                return (null, findings, edits);
            case "max_length":
                if (text.Length > check.MaxLength)
                {
                    findings.Add(new CheckFinding($"length {text.Length} > {check.MaxLength}", check.MaxLength, text.Length));
                }

                return (null, findings, edits);
            default:
                throw new InvalidOperationException("unknown check kind " + check.Kind);
        }
    }

    private static string Rewrite(string text, List<(int Start, int End, string With)> edits)
    {
        if (edits.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, end, with) in edits.OrderBy(e => e.Start).ThenByDescending(e => e.End))
        {
            if (start < at)
            {
                continue;
            }

            sb.Append(text, at, start - at).Append(with);
            at = end;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }
}
