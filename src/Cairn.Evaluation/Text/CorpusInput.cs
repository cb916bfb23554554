using Cairn.Core.Errors;

namespace Cairn.Evaluation.Text;

/// <summary>Checks shared by the corpus metrics: aligned predictions and references, nothing null, nothing empty.</summary>
public static class CorpusInput
{
    /// <summary>Throws a 400-kind error naming the field when predictions and references do not line up.</summary>
    public static void Check(IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references, bool sameReferenceCount = false)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(references);
        if (predictions.Count == 0)
        {
            throw CairnException.Invalid("predictions", "the corpus is empty; give at least one prediction");
        }

        if (references.Count != predictions.Count)
        {
            throw CairnException.Invalid("references", $"there are {references.Count} reference entries for {predictions.Count} predictions; give one entry (a list of references) per prediction");
        }

        for (var i = 0; i < predictions.Count; i++)
        {
            if (predictions[i] is null)
            {
                throw CairnException.Invalid($"predictions[{i}]", "must be a string, not null");
            }

            var refs = references[i];
            if (refs is null || refs.Count == 0)
            {
                throw CairnException.Invalid($"references[{i}]", "needs at least one reference");
            }

            for (var j = 0; j < refs.Count; j++)
            {
                if (refs[j] is null)
                {
                    throw CairnException.Invalid($"references[{i}][{j}]", "must be a string, not null");
                }
            }

            if (sameReferenceCount && refs.Count != references[0].Count)
            {
                throw CairnException.Invalid($"references[{i}]", $"has {refs.Count} references where references[0] has {references[0].Count}; this metric needs the same number for every prediction");
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> over contiguous slices of <c>0..count</c>, one per core, each with its own state.</summary>
    public static void ForEachSlice<TState>(int count, Func<TState> state, Action<TState, int> work)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(work);
        var slices = count < 64 ? 1 : Math.Min(Environment.ProcessorCount, (count + 63) / 64);
        try
        {
            Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = slices }, s =>
            {
                var st = state();
                var from = (int)((long)count * s / slices);
                var to = (int)((long)count * (s + 1) / slices);
                for (var i = from; i < to; i++)
                {
                    work(st, i);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<CairnException>().FirstOrDefault() is { } first)
        {
            // The error of the lowest-numbered item would be nicer, but any one of them names its field and rule.
            throw first;
        }
    }
}
