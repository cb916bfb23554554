using Cairn.Core.Access;
using Cairn.Governance.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cairn.Mlflow;

/// <summary>Mounts every MLflow route under both <c>/api/2.0/mlflow</c> and <c>/ajax-api/2.0/mlflow</c>.</summary>
public static class MlflowRoutes
{
    public static IEndpointRouteBuilder MapMlflowEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var (prefix, name) in new[] { ("/api/2.0/mlflow", "mlflow"), ("/ajax-api/2.0/mlflow", "ajax") })
        {
            var group = app.MapGroup(prefix).WithTags("MLflow");
            var routes = new RouteTable(group, name);
            MlflowExperimentEndpoints.Map(routes);
            MlflowRunEndpoints.Map(routes);
            MlflowLoggedModelEndpoints.Map(routes);
            MlflowRegistryEndpoints.Map(routes);
        }

        return app;
    }

    /// <summary>Maps one MLflow method with a unique route name and its scope.</summary>
    internal sealed class RouteTable(RouteGroupBuilder group, string prefix)
    {
        public void Get(string path, Delegate handler, Scope scope) => Name(group.MapGet(path, handler), "Get", path, scope);

        public void Post(string path, Delegate handler, Scope scope) => Name(group.MapPost(path, handler), "Post", path, scope);

        public void Patch(string path, Delegate handler, Scope scope) => Name(group.MapPatch(path, handler), "Patch", path, scope);

        public void Delete(string path, Delegate handler, Scope scope) => Name(group.MapDelete(path, handler), "Delete", path, scope);

        private void Name(RouteHandlerBuilder builder, string verb, string path, Scope scope) =>
            builder.WithName($"{prefix}:{verb}:{path}").RequireScope(scope);
    }
}
