using Cairn.Core.Errors;

namespace Cairn.Evaluation.Text;

/// <summary>Perplexity of the whole corpus and of each sequence.</summary>
public sealed record PerplexityResult(double Perplexity, double[] PerItem, int Tokens);

/// <summary>Perplexity from natural-log token probabilities: <c>exp(−mean log p)</c> over all tokens, and per sequence.</summary>
public static class Perplexity
{
    public static PerplexityResult Compute(IReadOnlyList<IReadOnlyList<double>> logProbs)
    {
        ArgumentNullException.ThrowIfNull(logProbs);
        if (logProbs.Count == 0)
        {
            throw CairnException.Invalid("log_probs", "the corpus is empty; give at least one sequence of token log-probabilities");
        }

        var per = new double[logProbs.Count];
        var total = 0.0;
        var tokens = 0;
        for (var i = 0; i < logProbs.Count; i++)
        {
            var seq = logProbs[i];
            if (seq is null || seq.Count == 0)
            {
                throw CairnException.Invalid($"log_probs[{i}]", "needs at least one token log-probability");
            }

            var sum = 0.0;
            for (var j = 0; j < seq.Count; j++)
            {
                var v = seq[j];
                if (double.IsNaN(v) || double.IsInfinity(v) || v > 0)
                {
                    throw CairnException.Invalid($"log_probs[{i}][{j}]", "must be a finite natural-log probability (at most 0)");
                }

                sum += v;
            }

            per[i] = Math.Exp(-(sum / seq.Count));
            total += sum;
            tokens += seq.Count;
        }

        return new PerplexityResult(Math.Exp(-(total / tokens)), per, tokens);
    }
}
