namespace Cairn.Server.Api;

/// <summary><c>/api/v1/guardrails/redteam/reports</c>: reports uploaded by <c>cairn redteam run --upload</c>.</summary>
public static partial class GuardrailEndpoints
{
    private static void MapRedTeam(RouteGroupBuilder group)
    {
        _ = group;
    }
}
