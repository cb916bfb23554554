using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Errors;

namespace Cairn.Evaluation.Runs;

/// <summary>Limits beyond which a fairness metric is flagged (defaults: the four-fifths rule and 0.1 differences).</summary>
public sealed record FairnessThresholds(double DemographicParityDifference = 0.1, double EqualizedOddsDifference = 0.1, double DisparateImpactRatio = 0.8)
{
    public static FairnessThresholds Parse(JsonElement body)
    {
        if (!body.TryGetProperty("fairness_thresholds", out var t) || t.ValueKind == JsonValueKind.Null)
        {
            return new FairnessThresholds();
        }

        double Get(string name, double fallback)
        {
            if (!t.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return fallback;
            }

            return v.ValueKind == JsonValueKind.Number && v.GetDouble() is >= 0 and <= 1 and var d
                ? d
                : throw CairnException.Invalid($"fairness_thresholds.{name}", "must be a number between 0 and 1");
        }

        foreach (var p in t.EnumerateObject())
        {
            if (p.Name is not ("demographic_parity_difference" or "equalized_odds_difference" or "disparate_impact_ratio"))
            {
                throw CairnException.Invalid($"fairness_thresholds.{p.Name}", "is not one of demographic_parity_difference, equalized_odds_difference, disparate_impact_ratio");
            }
        }

        return new FairnessThresholds(Get("demographic_parity_difference", 0.1), Get("equalized_odds_difference", 0.1), Get("disparate_impact_ratio", 0.8));
    }
}

/// <summary>
/// Group fairness of a binary classifier across the values of a sensitive attribute, as Fairlearn defines it:
/// per group the selection rate P(ŷ=1), true-positive rate and false-positive rate; the demographic parity
/// difference (largest minus smallest selection rate), the equalized odds difference (the larger of the TPR and
/// FPR differences), and the disparate impact ratio (smallest over largest selection rate).
/// </summary>
public static class Fairness
{
    /// <summary>Most distinct values of a sensitive attribute.</summary>
    public const int MaxGroups = 50;

    public static JsonObject Assess(string attribute, string[] groups, bool[] truth, bool[] predicted, FairnessThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(thresholds);
        var rows = new JsonArray();
        var selection = new List<double>();
        var tprs = new List<double>();
        var fprs = new List<double>();
        var tallies = new Dictionary<string, int[]>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Length; i++)
        {
            if (!tallies.TryGetValue(groups[i], out var t))
            {
                if (tallies.Count == MaxGroups)
                {
                    throw CairnException.Invalid("sensitive_attribute", $"'{attribute}' has more than {MaxGroups} distinct values; use a coarser attribute");
                }

                tallies[groups[i]] = t = new int[6];
            }

            t[0]++;
            t[1] += predicted[i] ? 1 : 0;
            if (truth[i])
            {
                t[2]++;
                t[3] += predicted[i] ? 1 : 0;
            }
            else
            {
                t[4]++;
                t[5] += predicted[i] ? 1 : 0;
            }
        }

        foreach (var (g, tally) in tallies.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            int n = tally[0], selected = tally[1], positives = tally[2], truePositives = tally[3], negatives = tally[4], falsePositives = tally[5];
            var rate = (double)selected / n;
            double? tpr = positives > 0 ? (double)truePositives / positives : null;
            double? fpr = negatives > 0 ? (double)falsePositives / negatives : null;
            selection.Add(rate);
            if (tpr is { } t)
            {
                tprs.Add(t);
            }

            if (fpr is { } f)
            {
                fprs.Add(f);
            }

            rows.Add(new JsonObject { ["value"] = g, ["rows"] = n, ["selection_rate"] = rate, ["true_positive_rate"] = tpr, ["false_positive_rate"] = fpr });
        }

        var dpd = selection.Max() - selection.Min();
        var eod = Math.Max(tprs.Count > 0 ? tprs.Max() - tprs.Min() : 0, fprs.Count > 0 ? fprs.Max() - fprs.Min() : 0);
        double? dir = selection.Max() > 0 ? selection.Min() / selection.Max() : null;
        var flags = new JsonArray();
        if (dpd > thresholds.DemographicParityDifference)
        {
            flags.Add($"demographic parity difference {dpd:0.###} exceeds {thresholds.DemographicParityDifference}");
        }

        if (eod > thresholds.EqualizedOddsDifference)
        {
            flags.Add($"equalized odds difference {eod:0.###} exceeds {thresholds.EqualizedOddsDifference}");
        }

        if (dir is { } d && d < thresholds.DisparateImpactRatio)
        {
            flags.Add($"disparate impact ratio {d:0.###} is below {thresholds.DisparateImpactRatio}");
        }

        return new JsonObject
        {
            ["attribute"] = attribute,
            ["groups"] = rows,
            ["demographic_parity_difference"] = dpd,
            ["equalized_odds_difference"] = eod,
            ["disparate_impact_ratio"] = dir,
            ["thresholds"] = new JsonObject
            {
                ["demographic_parity_difference"] = thresholds.DemographicParityDifference,
                ["equalized_odds_difference"] = thresholds.EqualizedOddsDifference,
                ["disparate_impact_ratio"] = thresholds.DisparateImpactRatio,
            },
            ["flags"] = flags,
        };
    }
}
