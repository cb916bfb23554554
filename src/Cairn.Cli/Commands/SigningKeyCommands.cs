using System.CommandLine;
using System.Security.Cryptography;
using Cairn.Core.Registry;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn signing-keys generate|add|list|revoke</c>.</summary>
public static class SigningKeyCommands
{
    public static Command SigningKeys(CliContext cli)
    {
        var output = new Argument<string>("prefix") { Description = "Writes <prefix>.key (private, mode 0600) and <prefix>.pub" };
        var generate = new Command("generate", "Generate an ECDSA P-256 key pair locally") { output };
        generate.SetAction(async (parse, ct) =>
        {
            var prefix = parse.GetValue(output)!;
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var privatePath = prefix + ".key";
            await using (var stream = new FileStream(privatePath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                await using var writer = new StreamWriter(stream);
                await writer.WriteAsync(key.ExportPkcs8PrivateKeyPem());
            }

            await File.WriteAllTextAsync(prefix + ".pub", ModelSignatures.PublicPem(key), ct);
            await cli.Output.WriteLineAsync($"Wrote {privatePath} and {prefix}.pub; fingerprint {ModelSignatures.Fingerprint(key)}");
            return ExitCodes.Ok;
        });

        var name = new Argument<string>("name") { Description = "A label for the key" };
        var publicKey = new Option<string>("--public-key") { Description = "PEM file of the public key", Required = true };
        var add = new Command("add", "Register a public key with the project (admin)") { name, publicKey };
        add.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var k = await c.AddSigningKeyAsync(parse.GetValue(name)!, await File.ReadAllTextAsync(parse.GetValue(publicKey)!, ct), ct);
            await cli.Output.WriteLineAsync($"Registered signing key {k.Name}, fingerprint {k.Id}");
            return ExitCodes.Ok;
        }));

        var list = new Command("list", "List the project's signing keys");
        list.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
            cli.Print(parse, await c.ListSigningKeysAsync(ct), ["ID", "NAME", "BY", "CREATED", "STATE"],
                ks => ks.Select(k => new[] { k.Id, k.Name, k.CreatedBy, CliContext.Time(k.CreatedAt), k.RevokedAt is null ? "active" : "revoked" }))));

        var id = new Argument<string>("id") { Description = "Key fingerprint" };
        var revoke = new Command("revoke", "Revoke a key; its signatures stop counting (admin)") { id };
        revoke.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            await c.RevokeSigningKeyAsync(parse.GetValue(id)!, ct);
            await cli.Output.WriteLineAsync($"Revoked signing key {parse.GetValue(id)}");
            return ExitCodes.Ok;
        }));

        return new Command("signing-keys", "Keys that sign model versions") { generate, add, list, revoke };
    }
}
