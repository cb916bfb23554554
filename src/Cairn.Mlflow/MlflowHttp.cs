using Cairn.Governance.Access;
using Microsoft.AspNetCore.Http;

namespace Cairn.Mlflow;

/// <summary>What every MLflow handler needs: the caller's project, and answers in MLflow's JSON.</summary>
internal static class MlflowHttp
{
    public static long Project(HttpContext http) => http.GetCaller().ProjectId;

    public static IResult Json(object value) => TypedResults.Json(value, MlflowJson.Options);

    /// <summary>MLflow's empty answer, <c>{}</c>.</summary>
    public static IResult Empty() => Json(new Dictionary<string, object>());
}
