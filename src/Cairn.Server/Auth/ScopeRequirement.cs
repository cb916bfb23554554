using Cairn.Core.Access;
using Microsoft.AspNetCore.Authorization;

namespace Cairn.Server.Auth;

/// <summary>Requires the caller's effective scopes (key scopes within the holder's role) to include <see cref="Scope"/>.</summary>
/// <param name="Scope">The scope required.</param>
public sealed record ScopeRequirement(Scope Scope) : IAuthorizationRequirement;
