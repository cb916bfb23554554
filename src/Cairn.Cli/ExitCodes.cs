namespace Cairn.Cli;

/// <summary>What the process exit code means; scripts may rely on these.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int AuditBroken = 3;
    public const int Unauthorized = 4;
    public const int NotFound = 5;
    public const int Unreachable = 6;
}
