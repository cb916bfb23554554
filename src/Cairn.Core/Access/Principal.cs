namespace Cairn.Core.Access;

/// <summary>A person or service that holds keys. Instance administrators may administer every project.</summary>
/// <param name="Id">Internal identifier.</param>
/// <param name="Name">Unique slug.</param>
/// <param name="IsAdmin">Whether this principal administers the whole instance.</param>
/// <param name="CreatedAt">Creation time, milliseconds since the Unix epoch.</param>
public sealed record Principal(long Id, string Name, bool IsAdmin, long CreatedAt);
