using System.Security.Cryptography;

namespace Cairn.Tracking;

/// <summary>Names for runs started without one, in MLflow's shape: <c>adjective-noun-number</c>.</summary>
public static class RunNames
{
    private static readonly string[] Adjectives =
    [
        "amber", "bold", "brave", "bright", "calm", "clever", "crisp", "daring", "eager", "gentle", "glad", "grand",
        "honest", "keen", "lively", "lucky", "merry", "nimble", "quiet", "rapid", "sharp", "shy", "smart", "steady",
        "swift", "tidy", "vivid", "warm", "wise", "zesty",
    ];

    private static readonly string[] Nouns =
    [
        "owl", "fox", "lark", "hare", "wolf", "crow", "moth", "newt", "seal", "yak", "wren", "lynx", "mole", "ram",
        "bee", "carp", "doe", "elk", "gull", "ibis", "kite", "loon", "mink", "orca", "pike", "quail", "rook", "skua",
        "tern", "vole",
    ];

    public static string Generate() =>
        $"{Adjectives[RandomNumberGenerator.GetInt32(Adjectives.Length)]}-{Nouns[RandomNumberGenerator.GetInt32(Nouns.Length)]}-{RandomNumberGenerator.GetInt32(1000)}";
}
