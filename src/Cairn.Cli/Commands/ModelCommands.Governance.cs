using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Core.Registry;

namespace Cairn.Cli.Commands;

public static partial class ModelCommands
{
    private static Command Sign(CliContext cli)
    {
        var key = new Option<string>("--private-key") { Description = "Private key file (PEM, ECDSA P-256); it never leaves this machine", Required = true };
        var sign = new Command("sign", "Sign a version's digest locally and upload the detached signature") { RefArgument, key };
        sign.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            using var privateKey = ECDsa.Create();
            try
            {
                privateKey.ImportFromPem(await File.ReadAllTextAsync(parse.GetValue(key)!, ct));
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException or IOException)
            {
                await cli.Error.WriteLineAsync($"cairn: cannot read an EC private key from {parse.GetValue(key)}: {e.Message}");
                return ExitCodes.Usage;
            }

            var version = await ModelRef.Parse(parse.GetValue(RefArgument)!).ResolveAsync(c, ct);
            var signature = ModelSignatures.Sign(privateKey, version.Digest);
            var state = await c.SignVersionAsync(version.Name, version.Version, new AddSignatureRequest(signature, ModelSignatures.Fingerprint(privateKey)), ct);
            if (parse.GetValue(CliContext.JsonOption))
            {
                return cli.Print(parse, state, [], _ => []);
            }

            await cli.Output.WriteLineAsync($"Signed {version.Name} version {N(version.Version)} (sha256:{version.Digest}) with key {state.KeyName} ({state.KeyId}): {state.State}");
            return ExitCodes.Ok;
        }));
        return sign;
    }

    private static Command Verify(CliContext cli)
    {
        var verify = new Command("verify", "Re-hash a version's files on the server and check its signatures; exit 1 when it may not be loaded") { RefArgument };
        verify.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var version = await ModelRef.Parse(parse.GetValue(RefArgument)!).ResolveAsync(c, ct);
            var check = await c.VerifyVersionAsync(version.Name, version.Version, ct);
            if (parse.GetValue(CliContext.JsonOption))
            {
                cli.Print(parse, check, [], _ => []);
            }
            else
            {
                await cli.Output.WriteLineAsync(
                    $"{check.Name} version {N(check.Version)}: {(check.Intact ? "intact" : "TAMPERED")}, "
                    + $"{(check.Signed ? "signed" : check.SignatureRequired ? "UNSIGNED (signature required)" : "unsigned")}, "
                    + $"{check.Files} files, {check.BytesVerified} bytes re-hashed at {check.MegabytesPerSecond:F0} MB/s");
                foreach (var s in check.Signatures)
                {
                    await cli.Output.WriteLineAsync($"  signature by {s.KeyName ?? "?"} ({s.KeyId}): {s.State}");
                }

                if (check.Problem is not null)
                {
                    await cli.Output.WriteLineAsync("  problem: " + check.Problem);
                }
            }

            return check.Loadable ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return verify;
    }

    private static Command Alias(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "Registered model" };
        var alias = new Argument<string>("alias") { Description = "e.g. champion" };
        var version = new Argument<long>("version") { Description = "Version number" };
        var command = new Command("alias", "Point an alias at a version; a protected alias opens (or re-checks) a promotion request") { name, alias, version };
        command.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
            await PrintPromotionAsync(cli, parse, await c.RequestPromotionAsync(parse.GetValue(name)!, parse.GetValue(alias)!, parse.GetValue(version), ct))));
        return command;
    }

    private static Command Approve(CliContext cli)
    {
        var id = new Argument<long>("request") { Description = "Promotion request id (see 'cairn models promotions')" };
        var reject = new Option<bool>("--reject") { Description = "Reject instead of approving" };
        var comment = new Option<string?>("--comment") { Description = "Why" };
        var command = new Command("approve", "Approve (or --reject) a promotion request; the last approval needed promotes") { id, reject, comment };
        command.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
            await PrintPromotionAsync(cli, parse, await c.ReviewPromotionAsync(parse.GetValue(id), !parse.GetValue(reject), parse.GetValue(comment), ct))));
        return command;
    }

    private static Command Promotions(CliContext cli)
    {
        var status = new Option<string?>("--status") { Description = "pending, promoted, rejected or cancelled" };
        var command = new Command("promotions", "List promotion requests (the approvals queue)") { status };
        command.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
            cli.Print(parse, await c.ListPromotionsAsync(parse.GetValue(status), ct), ["ID", "MODEL", "ALIAS", "VERSION", "STATUS", "BY", "MISSING"],
                ps => ps.Select(p => new[]
                {
                    p.Id is { } i ? N(i) : "-", p.Name, p.Alias, N(p.Version), p.Status, p.RequestedBy, p.Missing.Count == 0 ? "-" : string.Join("; ", p.Missing),
                }))));
        return command;
    }

    private static async Task<int> PrintPromotionAsync(CliContext cli, ParseResult parse, PromotionDto p)
    {
        if (parse.GetValue(CliContext.JsonOption))
        {
            return cli.Print(parse, p, [], _ => []);
        }

        var which = p.Id is { } id ? $"Request {N(id)}" : "Alias";
        await cli.Output.WriteLineAsync($"{which}: {p.Alias} of {p.Name} -> version {N(p.Version)}: {p.Status}");
        foreach (var r in p.Requirements)
        {
            await cli.Output.WriteLineAsync($"  [{(r.Met ? "x" : " ")}] {r.Detail}");
        }

        return ExitCodes.Ok;
    }

    private static Command Card(CliContext cli)
    {
        var format = new Option<string>("--format") { Description = "md or html", DefaultValueFactory = _ => "md" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var edit = new Option<string?>("--set") { Description = "A JSON file of sections to store first (overview, intended_use, out_of_scope_use, ethical_considerations, limitations, owners)" };
        var card = new Command("card", "Print a version's model card, e.g. cairn models card fraud@champion --format md") { RefArgument, format, output, edit };
        card.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var version = await ModelRef.Parse(parse.GetValue(RefArgument)!).ResolveAsync(c, ct);
            if (parse.GetValue(edit) is { } file)
            {
                var fields = JsonSerializer.Deserialize<ModelCardFieldsDto>(await File.ReadAllTextAsync(file, ct), CairnJson.Options)
                    ?? throw new JsonException($"{file} holds no JSON object");
                await c.SetModelCardAsync(version.Name, version.Version, fields, ct);
            }

            var text = await c.GetModelCardAsync(version.Name, version.Version, parse.GetValue(format)!, ct);
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, text, ct);
            }
            else
            {
                await cli.Output.WriteAsync(text);
            }

            return ExitCodes.Ok;
        }));
        return card;
    }

    private static Command Retention(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "Registered model" };
        var keepLast = new Option<int?>("--keep-last") { Description = "Keep the newest N versions" };
        var keepDays = new Option<int?>("--keep-days") { Description = "Keep versions registered in the last D days" };
        var command = new Command("retention", "Set a model's retention policy (aliased and deployed versions are always kept)") { name, keepLast, keepDays };
        command.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var p = await c.SetRetentionAsync(parse.GetValue(name)!, new RetentionDto(parse.GetValue(keepLast), parse.GetValue(keepDays)), ct);
            await cli.Output.WriteLineAsync($"Retention of {parse.GetValue(name)}: keep last {p.KeepLast?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, keep days {p.KeepDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Gc(CliContext cli)
    {
        var name = new Argument<string?>("name") { Description = "One model (default: every model with a retention policy)", Arity = ArgumentArity.ZeroOrOne };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be deleted, delete nothing" };
        var gc = new Command("gc", "Apply retention: delete versions the policy does not keep; blobs go when nothing references them") { name, dryRun };
        gc.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var run = await c.CollectVersionsAsync(parse.GetValue(name), parse.GetValue(dryRun), ct);
            return cli.Print(parse, run, ["MODEL", "VERSION", "ACTION", "REASON"],
                r => r.Decisions.Select(d => new[] { d.Name, N(d.Version), d.Delete ? (r.DryRun ? "would delete" : "deleted") : "keep", d.Reason }));
        }));
        return gc;
    }

    private static Command Policy(CliContext cli)
    {
        var file = new Option<string?>("--set") { Description = "A JSON file with require_signature, protected_aliases, approvals, evaluation_gate (admin)" };
        var policy = new Command("policy", "Show (or --set) the project's registry policy") { file };
        policy.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var current = parse.GetValue(file) is { } path
                ? await c.SetRegistryPolicyAsync(JsonSerializer.Deserialize<RegistryPolicyDto>(await File.ReadAllTextAsync(path, ct), CairnJson.Options)!, ct)
                : await c.GetRegistryPolicyAsync(ct);
            await cli.Output.WriteLineAsync(JsonSerializer.Serialize(current, new JsonSerializerOptions(CairnJson.Options) { WriteIndented = true }));
            return ExitCodes.Ok;
        }));
        return policy;
    }
}
