using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Core.Evaluation;
using Cairn.Core.Storage;
using Cairn.Evaluation.Classification;
using Cairn.Evaluation.Datasets;
using Cairn.Evaluation.Runs;

namespace Cairn.Evaluation.Review;

/// <summary>One item as a reviewer sees it: which output is on the left is decided per reviewer and item, and never said.</summary>
public sealed record BlindItem(string Queue, long ItemId, long Items, long Done, string Input, string Left, string Right);

/// <summary>
/// Human review: queues of items with two outputs, shown blind (the left/right order drawn per reviewer and item
/// from a hash, so a reload shows the same order), one vote per reviewer and item (better, tie or both bad, with a
/// comment), and the results: win rates with Wilson 95 % intervals and Cohen's kappa between each pair of reviewers.
/// </summary>
public sealed class ReviewService(IReviewStore store, EvaluationService evaluations, DatasetService datasets, TimeProvider time)
{
    public const int MaxItems = 10_000;
    public const int MaxTextLength = 100_000;
    public static readonly string[] Choices = ["left", "right", "tie", "both_bad"];

    /// <summary>Creates a queue from <c>items</c> (input, a, b), or from two text evaluation runs (<c>runs: {a, b}</c>, <c>input_column</c>).</summary>
    public async Task<ReviewQueue> CreateAsync(Caller caller, JsonElement body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw CairnException.Invalid("body", "must be a JSON object");
        }

        var name = DatasetService.CheckName(EvaluationPlan.Str(body, "name"));
        var labelA = EvaluationPlan.Str(body, "label_a") ?? "A";
        var labelB = EvaluationPlan.Str(body, "label_b") ?? "B";
        List<ReviewItem> items;
        if (body.TryGetProperty("runs", out var runs) && runs.ValueKind == JsonValueKind.Object)
        {
            (items, labelA, labelB) = await FromRunsAsync(caller.ProjectId, runs, EvaluationPlan.Str(body, "input_column"), ct).ConfigureAwait(false);
        }
        else if (body.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            items = [];
            var i = 0;
            foreach (var e in list.EnumerateArray())
            {
                string Field(string f) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(f, out var v) && v.ValueKind == JsonValueKind.String
                    ? v.GetString()!
                    : throw CairnException.Invalid($"items[{i}].{f}", "is required: a string");
                items.Add(new ReviewItem(i + 1, Field("input"), Field("a"), Field("b")));
                i++;
            }
        }
        else
        {
            throw CairnException.Invalid("items", "give items ([{input, a, b}]) or runs ({a, b}: two evaluation runs of a text task)");
        }

        if (items.Count is 0 or > MaxItems)
        {
            throw CairnException.Invalid("items", $"a queue holds 1 to {MaxItems:N0} items");
        }

        foreach (var item in items)
        {
            if (item.Input.Length > MaxTextLength || item.OutputA.Length > MaxTextLength || item.OutputB.Length > MaxTextLength)
            {
                throw CairnException.Invalid($"items[{item.Id - 1}]", $"texts are limited to {MaxTextLength:N0} characters");
            }

            if (HasNul(item.Input) || HasNul(item.OutputA) || HasNul(item.OutputB))
            {
                throw CairnException.Invalid($"items[{item.Id - 1}]", "texts cannot hold the NUL character");
            }
        }

        if (HasNul(labelA) || HasNul(labelB) || labelA.Length > 200 || labelB.Length > 200)
        {
            throw CairnException.Invalid("label_a", "labels are 1-200 characters without NUL");
        }

        var queue = new ReviewQueue(name, labelA, labelB, items.Count, caller.Principal, time.GetUtcNow().ToUnixTimeMilliseconds());
        await store.CreateAsync(caller.ProjectId, queue, items, ct).ConfigureAwait(false);
        return queue;
    }

    public Task<IReadOnlyList<ReviewQueue>> ListAsync(long projectId, CancellationToken ct) => store.ListAsync(projectId, ct);

    public async Task<ReviewQueue> GetAsync(long projectId, string? name, CancellationToken ct) =>
        await store.GetAsync(projectId, DatasetService.CheckName(name), ct).ConfigureAwait(false) ?? throw CairnException.NotFound("review queue", name!);

    /// <summary>The next item <paramref name="caller"/> has not judged, blind; null when they are done.</summary>
    public async Task<BlindItem?> NextAsync(Caller caller, string? queueName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var queue = await GetAsync(caller.ProjectId, queueName, ct).ConfigureAwait(false);
        var item = await store.NextItemAsync(caller.ProjectId, queue.Name, caller.Principal, ct).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        var done = (await store.VotesAsync(caller.ProjectId, queue.Name, ct).ConfigureAwait(false)).Count(v => v.Reviewer == caller.Principal);
        var aLeft = ALeft(queue.Name, item.Id, caller.Principal);
        return new BlindItem(queue.Name, item.Id, queue.Items, done, item.Input, aLeft ? item.OutputA : item.OutputB, aLeft ? item.OutputB : item.OutputA);
    }

    /// <summary>Records <paramref name="caller"/>'s verdict: <c>left</c>, <c>right</c>, <c>tie</c> or <c>both_bad</c> as shown to them.</summary>
    public async Task<ReviewVote> VoteAsync(Caller caller, string? queueName, long itemId, string? choice, string? comment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var queue = await GetAsync(caller.ProjectId, queueName, ct).ConfigureAwait(false);
        if (choice is null || !Choices.Contains(choice))
        {
            throw CairnException.Invalid("choice", "must be one of left, right, tie, both_bad");
        }

        if (comment is { Length: > 2000 })
        {
            throw CairnException.Invalid("comment", "is longer than 2,000 characters");
        }

        if (HasNul(comment))
        {
            throw CairnException.Invalid("comment", "cannot hold the NUL character");
        }

        _ = await store.GetItemAsync(caller.ProjectId, queue.Name, itemId, ct).ConfigureAwait(false) ?? throw CairnException.NotFound("review item", $"{queue.Name} #{itemId}");
        var aLeft = ALeft(queue.Name, itemId, caller.Principal);
        var stored = choice switch
        {
            "left" => aLeft ? "a" : "b",
            "right" => aLeft ? "b" : "a",
            _ => choice,
        };
        var vote = new ReviewVote(itemId, caller.Principal, stored, comment ?? "", time.GetUtcNow().ToUnixTimeMilliseconds());
        await store.VoteAsync(caller.ProjectId, queue.Name, vote, ct).ConfigureAwait(false);
        return vote;
    }

    /// <summary>Counts, win rates with Wilson intervals, and Cohen's kappa for every pair of reviewers with items in common.</summary>
    public async Task<JsonObject> ResultsAsync(long projectId, string? queueName, CancellationToken ct)
    {
        var queue = await GetAsync(projectId, queueName, ct).ConfigureAwait(false);
        var votes = await store.VotesAsync(projectId, queue.Name, ct).ConfigureAwait(false);
        int a = votes.Count(v => v.Choice == "a"), b = votes.Count(v => v.Choice == "b"), tie = votes.Count(v => v.Choice == "tie"), bad = votes.Count(v => v.Choice == "both_bad");
        var decisive = a + b;
        var pairs = new JsonArray();
        var reviewers = votes.Select(v => v.Reviewer).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < reviewers.Count; i++)
        {
            for (var j = i + 1; j < reviewers.Count; j++)
            {
                var first = votes.Where(v => v.Reviewer == reviewers[i]).ToDictionary(v => v.ItemId, v => v.Choice);
                var second = votes.Where(v => v.Reviewer == reviewers[j]).ToDictionary(v => v.ItemId, v => v.Choice);
                var common = first.Keys.Intersect(second.Keys).Order().ToList();
                if (common.Count == 0)
                {
                    continue;
                }

                var x = common.Select(k => first[k]).ToArray();
                var y = common.Select(k => second[k]).ToArray();
                var kappa = x.Concat(y).Distinct().Count() == 1 ? double.NaN : new LabelMetrics(x, y, numeric: false).CohenKappa(null);
                pairs.Add(new JsonObject
                {
                    ["reviewers"] = new JsonArray(reviewers[i], reviewers[j]), ["items"] = common.Count,
                    ["agreement"] = common.Count(k => first[k] == second[k]) / (double)common.Count,
                    ["cohen_kappa"] = double.IsNaN(kappa) ? null : kappa,
                });
            }
        }

        return new JsonObject
        {
            ["queue"] = queue.Name, ["label_a"] = queue.LabelA, ["label_b"] = queue.LabelB, ["items"] = queue.Items,
            ["votes"] = votes.Count, ["reviewers"] = reviewers.Count,
            ["counts"] = new JsonObject { ["a"] = a, ["b"] = b, ["tie"] = tie, ["both_bad"] = bad },
            ["b_win_rate"] = decisive == 0 ? null : Rate(b, decisive),
            ["b_win_rate_with_ties"] = decisive + tie == 0 ? null : Rate(b + (tie / 2.0), decisive + tie),
            ["agreement"] = pairs,
            ["comments"] = new JsonArray(votes.Where(v => v.Comment.Length > 0).Select(v => (JsonNode)new JsonObject
            {
                ["item"] = v.ItemId, ["reviewer"] = v.Reviewer, ["choice"] = v.Choice, ["comment"] = v.Comment,
            }).ToArray()),
        };
    }

    private static bool HasNul(string? s) => s is not null && s.Contains('\0', StringComparison.Ordinal);

    /// <summary>A proportion with its Wilson score interval at 95 % (z = 1.959964).</summary>
    public static JsonObject Rate(double successes, int n)
    {
        const double z = 1.959963984540054;
        var p = successes / n;
        var z2 = z * z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / (1 + (z2 / n));
        return new JsonObject { ["rate"] = p, ["ci_low"] = Math.Max(0, centre - half), ["ci_high"] = Math.Min(1, centre + half), ["n"] = n };
    }

    // Whether output A is shown on the left to this reviewer for this item: a fair coin from a hash, stable across reloads.
    private static bool ALeft(string queue, long item, string reviewer) =>
        (SHA256.HashData(Encoding.UTF8.GetBytes($"{queue}\n{item}\n{reviewer}"))[0] & 1) == 0;

    private async Task<(List<ReviewItem> Items, string LabelA, string LabelB)> FromRunsAsync(long projectId, JsonElement runs, string? inputColumn, CancellationToken ct)
    {
        var a = EvaluationPlan.Str(runs, "a") ?? throw CairnException.Invalid("runs.a", "is required: an evaluation run id");
        var b = EvaluationPlan.Str(runs, "b") ?? throw CairnException.Invalid("runs.b", "is required: an evaluation run id");
        var ra = await evaluations.GetAsync(projectId, a, ct).ConfigureAwait(false);
        var rb = await evaluations.GetAsync(projectId, b, ct).ConfigureAwait(false);
        if (ra["dataset"]!["digest"]!.GetValue<string>() != rb["dataset"]!["digest"]!.GetValue<string>())
        {
            throw CairnException.Invalid("runs.b", "evaluated another dataset version than runs.a; reviewers compare outputs for the same inputs");
        }

        var pa = await evaluations.PredictionsAsync(projectId, a, ct).ConfigureAwait(false);
        var pb = await evaluations.PredictionsAsync(projectId, b, ct).ConfigureAwait(false);
        if (pa.Length != pb.Length)
        {
            throw CairnException.Invalid("runs.b", $"holds {pb.Length} predictions where runs.a holds {pa.Length}");
        }
        string[] inputs;
        if (inputColumn is not null)
        {
            var (_, table) = await datasets.LoadAsync(projectId, ra["dataset"]!["name"]!.GetValue<string>(), ra["dataset"]!["version"]!.GetValue<long>(), ct).ConfigureAwait(false);
            inputs = table.Values(inputColumn, "input_column");
            if (inputs.Length != pa.Length)
            {
                throw CairnException.Invalid("input_column", $"the dataset has {inputs.Length} rows where the runs hold {pa.Length} predictions");
            }
        }
        else
        {
            inputs = pa.Select(r => r["references"] is JsonArray refs && refs.Count > 0 ? "Reference: " + EvaluationInputs.Text(refs[0]) : $"Row {r["row"]}").ToArray();
        }

        var items = pa.Select((r, i) => new ReviewItem(i + 1, inputs[i], EvaluationInputs.Text(r["prediction"]), EvaluationInputs.Text(pb[i]["prediction"]))).ToList();
        string Label(JsonObject run, string id) => run["model"] is JsonObject m ? $"{m["name"]} v{m["version"]}" : "run " + id[..Math.Min(8, id.Length)];
        return (items, Label(ra, a), Label(rb, b));
    }
}
