using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Sdk.Store;
using Fontana.Sdk.Wallet;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana wallet create NAME | list | use NAME | backup --out FILE | restore --from FILE</c>: named wallets (profiles,
/// see <see cref="CliProfiles"/>) and one encrypted backup file of a wallet's key file and store
/// (<see cref="WalletBackup"/>; passphrase from <c>$FONTANA_BACKUP_PASSPHRASE</c>).
/// </summary>
internal static class WalletCommand
{
    public const string BackupPassphraseVariable = "FONTANA_BACKUP_PASSPHRASE";

    public static Command Create()
    {
        var command = new Command("wallet", "Named wallets (create, list, use) and encrypted backup / restore of a wallet with its store");
        command.Subcommands.Add(CreateProfile());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Use());
        command.Subcommands.Add(Backup());
        command.Subcommands.Add(Restore());
        return command;
    }

    private static Command CreateProfile()
    {
        var name = new Argument<string>("NAME") { Description = "The wallet's name (a-z, 0-9, '_', '-')" };
        var command = new Command("create", "Create the named wallet ~/.fontana/wallets/NAME.key (encrypted when $FONTANA_WALLET_PASSPHRASE is set)") { name };
        CliCommand.SetHandler(command, (context, _) =>
        {
            var profile = context.Parse.GetValue(name)!;
            using var wallet = WalletKeyFile.Create(CliProfiles.PathOf(profile), Environment.GetEnvironmentVariable(CliWallet.PassphraseVariable));
            Report(context, new JsonObject { ["name"] = profile, ["address"] = wallet.Address.ToString(), ["path"] = wallet.Path }, $"created wallet {profile}: {wallet.Address} ({wallet.Path})");
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the named wallets; * marks the active one");
        CliCommand.SetHandler(command, (context, _) =>
        {
            var active = CliProfiles.ActiveName();
            var names = new List<string>();
            if (File.Exists(CliProfiles.DefaultWalletPath))
            {
                names.Add(CliProfiles.Default);
            }

            if (Directory.Exists(CliProfiles.Directory))
            {
                names.AddRange(Directory.GetFiles(CliProfiles.Directory, "*.key").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal));
            }

            var array = new JsonArray();
            foreach (var profile in names)
            {
                var path = CliProfiles.PathOf(profile);
                string address;
                try
                {
                    address = new Fontana.Core.Address(WalletKeyFile.ReadPublicKey(path)).ToString();
                }
                catch (WalletException ex)
                {
                    address = ex.Code;
                }

                array.Add(new JsonObject { ["name"] = profile, ["address"] = address, ["path"] = path, ["active"] = profile == active });
                if (!context.Json)
                {
                    context.Line($"{(profile == active ? "*" : " ")} {profile,-20} {address}");
                }
            }

            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["active"] = active, ["wallets"] = array });
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Use()
    {
        var name = new Argument<string>("NAME") { Description = "A wallet made by 'wallet create', or 'default'" };
        var command = new Command("use", "Make NAME the wallet every command uses by default (--wallet and $FONTANA_WALLET still win)") { name };
        CliCommand.SetHandler(command, (context, _) =>
        {
            var profile = context.Parse.GetValue(name)!;
            var path = CliProfiles.PathOf(profile);
            if (!File.Exists(path))
            {
                throw new CliFailure(CliErrorCodes.WalletNotFound, $"no wallet named {profile} ({path}); create it with 'fontana wallet create {profile}'");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(CliProfiles.ActiveFile)!);
            File.WriteAllText(CliProfiles.ActiveFile, profile + "\n");
            Report(context, new JsonObject { ["active"] = profile, ["path"] = path }, $"using wallet {profile} ({path})");
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Backup()
    {
        var output = new Option<string>("--out") { Description = "The backup file to write (must not exist)", Required = true };
        var store = CliStore.CreateOption();
        var command = new Command("backup", "Write the wallet's key file and store to one file encrypted with $FONTANA_BACKUP_PASSPHRASE (Argon2id + XSalsa20-Poly1305)") { output, store };
        CliCommand.SetHandler(command, (context, _) =>
        {
            var location = CliStore.Location(context, store);
            CliWallet.ReadAddress(context); // the key file exists and is ours to read
            var target = Path.GetFullPath(context.Parse.GetValue(output)!);
            if (CliStore.IsPostgres(location))
            {
                // Its rows go into the backup as a SQLite copy; opening it first checks it is this wallet's store.
                using var opened = CliStore.Open(context, store);
                WalletBackup.Write(target, context.WalletPath, opened, Passphrase());
                Report(context, new JsonObject { ["backup"] = target, ["wallet"] = context.WalletPath, ["store"] = opened.Location },
                    $"wrote {target} (wallet {context.WalletPath}, store {opened.Location})");
                return Task.FromResult(0);
            }

            WalletBackup.Write(target, context.WalletPath, location, Passphrase());
            Report(context, new JsonObject { ["backup"] = target, ["wallet"] = context.WalletPath, ["store"] = File.Exists(location) ? location : null },
                $"wrote {target} (wallet {context.WalletPath}{(File.Exists(location) ? ", store " + location : ", no store yet")})");
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Restore()
    {
        var input = new Option<string>("--from") { Description = "The backup file", Required = true };
        var store = CliStore.CreateOption();
        var command = new Command(
            "restore", "Restore a backup to --wallet and its store (next to it, or --store: a new SQLite file or an empty PostgreSQL database); never overwrites an existing wallet or store")
        {
            input, store,
        };
        CliCommand.SetHandler(command, (context, _) =>
        {
            var source = context.Parse.GetValue(input)!;
            if (!File.Exists(source))
            {
                throw new CliFailure(CliErrorCodes.BadArgument, $"no backup file at {source}");
            }

            var location = CliStore.Location(context, store);
            if (CliStore.IsPostgres(location))
            {
                var restored = WalletBackup.RestoreToPostgres(source, Passphrase(), context.WalletPath, location);
                Report(context, new JsonObject { ["address"] = restored.ToString(), ["wallet"] = context.WalletPath, ["store"] = "postgresql" },
                    $"restored wallet {restored} to {context.WalletPath} with its store in PostgreSQL");
                return Task.FromResult(0);
            }

            var storePath = location;
            var address = WalletBackup.Restore(source, Passphrase(), context.WalletPath, storePath);
            Report(context, new JsonObject { ["address"] = address.ToString(), ["wallet"] = context.WalletPath, ["store"] = File.Exists(storePath) ? storePath : null },
                $"restored wallet {address} to {context.WalletPath}{(File.Exists(storePath) ? " with its store " + storePath : string.Empty)}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static string Passphrase() =>
        Environment.GetEnvironmentVariable(BackupPassphraseVariable) is { Length: > 0 } passphrase
            ? passphrase
            : throw new CliFailure(WalletBackupException.PassphraseRequired, $"set ${BackupPassphraseVariable}: a wallet backup is always encrypted");

    private static void Report(CliContext context, JsonObject json, string line)
    {
        if (context.Json)
        {
            context.WriteJson(json);
        }
        else
        {
            context.Line(line);
        }
    }
}
