using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Cairn.Evaluation;

/// <summary>Registers evaluation datasets and runs.</summary>
public static class EvaluationRegistration
{
    public static IHostApplicationBuilder AddCairnEvaluation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Datasets.DatasetService>();
        builder.Services.AddSingleton<Runs.EvaluationService>();
        builder.Services.AddSingleton<Runs.Scoreboard>();
        builder.Services.AddSingleton<Review.ReviewService>();
        return builder;
    }
}
