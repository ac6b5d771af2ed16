using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core;
using Fontana.Sdk.Permissions;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana permissions list | grant SCOPE [limits] [--expires D] | deny SCOPE | revoke SCOPE</c> and
/// <c>fontana budget set SCOPE limits | show [SCOPE]</c>: the wallet's permissions and budgets, kept in its store and
/// enforced by every payer that uses the store (<c>fontana call</c> included). SCOPE is <c>payto:ADDRESS</c>,
/// <c>origin:URL</c> or <c>app:NAME</c> (a bare address or URL works too).
/// </summary>
internal static class PermissionsCommand
{
    public static Command CreatePermissions()
    {
        var command = new Command("permissions", "Who the wallet may pay: list, grant (with limits and expiry), deny, revoke");
        var list = new Command("list", "List permissions with their limits and spend");
        var listStore = CliStore.CreateOption();
        list.Options.Add(listStore);
        CliCommand.SetHandler(list, (context, _) => Task.FromResult(Show(context, listStore, null)));
        command.Subcommands.Add(list);
        command.Subcommands.Add(GrantCommand("grant", "Allow payments to SCOPE (optionally within limits, until --expires)"));

        foreach (var (name, description) in new[] { ("deny", "Refuse every payment to SCOPE"), ("revoke", "Remove the permission of SCOPE (spend counters stay)") })
        {
            var scope = new Argument<string>("SCOPE") { Description = "payto:ADDRESS, origin:URL or app:NAME" };
            var store = CliStore.CreateOption();
            var sub = new Command(name, description) { scope, store };
            CliCommand.SetHandler(sub, (context, _) =>
            {
                var target = CliStore.Scope(context.Parse.GetValue(scope));
                using var walletStore = CliStore.Open(context, store);
                var policy = walletStore.CreateSpendingPolicy();
                if (name == "deny")
                {
                    policy.Set(new Permission(target, PermissionAccess.Deny, SpendingLimits.None, null, TimeProvider.System.GetUtcNow(), "cli"));
                }
                else if (!policy.Revoke(target))
                {
                    throw new CliFailure("permission-not-found", $"no permission for {target}");
                }

                Report(context, name == "deny" ? "denied" : "revoked", target);
                return Task.FromResult(0);
            });
            command.Subcommands.Add(sub);
        }

        return command;
    }

    public static Command CreateBudget()
    {
        var command = new Command("budget", "Spending limits per provider or app: set, show");
        command.Subcommands.Add(GrantCommand("set", "Set the spending limits of SCOPE (allows it)"));
        var scope = new Argument<string?>("SCOPE") { Description = "Only this scope", Arity = ArgumentArity.ZeroOrOne };
        var store = CliStore.CreateOption();
        var show = new Command("show", "Limits and what was spent, per scope") { scope, store };
        CliCommand.SetHandler(show, (context, _) =>
            Task.FromResult(Show(context, store, context.Parse.GetValue(scope) is { } text ? CliStore.Scope(text) : null)));
        command.Subcommands.Add(show);
        return command;
    }

    private static Command GrantCommand(string name, string description)
    {
        var scope = new Argument<string>("SCOPE") { Description = "payto:ADDRESS, origin:URL or app:NAME" };
        var perCall = new Option<string?>("--per-call") { Description = "Most one call may spend (price + fee), e.g. \"0.001 TIA\"" };
        var perHour = new Option<string?>("--per-hour") { Description = "Most spent per UTC hour" };
        var perDay = new Option<string?>("--per-day") { Description = "Most spent per UTC day" };
        var total = new Option<string?>("--total") { Description = "Most spent in total" };
        var expires = new Option<string?>("--expires") { Description = "Ends after a duration (\"90m\", \"24h\") or at an ISO 8601 instant" };
        var store = CliStore.CreateOption();
        var command = new Command(name, description) { scope, perCall, perHour, perDay, total, expires, store };
        CliCommand.SetHandler(command, (context, _) =>
        {
            var target = CliStore.Scope(context.Parse.GetValue(scope));
            var limits = new SpendingLimits
            {
                PerCall = Optional(context.Parse.GetValue(perCall), "--per-call"),
                PerHour = Optional(context.Parse.GetValue(perHour), "--per-hour"),
                PerDay = Optional(context.Parse.GetValue(perDay), "--per-day"),
                Total = Optional(context.Parse.GetValue(total), "--total"),
            };
            var now = TimeProvider.System.GetUtcNow();
            var until = context.Parse.GetValue(expires) is { } text ? Expiry(text, now) : (DateTimeOffset?)null;
            using var walletStore = CliStore.Open(context, store);
            walletStore.CreateSpendingPolicy().Set(new Permission(target, PermissionAccess.Allow, limits, until, now, "cli"));
            Report(context, name == "set" ? "budget set" : "granted", target);
            return Task.FromResult(0);
        });
        return command;
    }

    private static int Show(CliContext context, Option<string?> store, PermissionScope? only)
    {
        using var walletStore = CliStore.Open(context, store);
        var policy = walletStore.CreateSpendingPolicy();
        var now = TimeProvider.System.GetUtcNow();
        var permissions = policy.List().Where(p => only is null || p.Scope == only).ToList();
        if (only is { } scope && permissions.Count == 0)
        {
            permissions.Add(new Permission(scope, PermissionAccess.Allow, SpendingLimits.None, null, now, "none"));
        }

        var rows = new JsonArray();
        foreach (var permission in permissions)
        {
            var spent = policy.GetSpent(permission.Scope);
            var state = permission.Access == PermissionAccess.Deny ? "deny" : permission.IsExpired(now) ? "expired" : "allow";
            if (context.Json)
            {
                rows.Add(new JsonObject
                {
                    ["scope"] = permission.Scope.ToString(),
                    ["access"] = state,
                    ["perCall"] = Utia(permission.Limits.PerCall),
                    ["perHour"] = Utia(permission.Limits.PerHour),
                    ["perDay"] = Utia(permission.Limits.PerDay),
                    ["total"] = Utia(permission.Limits.Total),
                    ["expiresAt"] = permission.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture),
                    ["source"] = permission.Source,
                    ["spentTotal"] = spent.Total.Utia.ToString(CultureInfo.InvariantCulture),
                    ["spentThisHour"] = spent.ThisHour.Utia.ToString(CultureInfo.InvariantCulture),
                    ["spentToday"] = spent.Today.Utia.ToString(CultureInfo.InvariantCulture),
                });
            }
            else
            {
                var limits = string.Join(", ", permission.Limits.Describe().Select(l => $"{l.Name} {l.Limit}"));
                var expiry = permission.ExpiresAt is { } e ? $", expires {e:u}" : string.Empty;
                context.Line($"{permission.Scope}  {state}{(limits.Length > 0 ? "  " + limits : string.Empty)}{expiry}  spent {spent.Total} (hour {spent.ThisHour}, day {spent.Today})");
            }
        }

        if (context.Json)
        {
            context.WriteJson(new JsonObject { ["store"] = walletStore.Location, ["permissions"] = rows });
        }
        else if (permissions.Count == 0)
        {
            context.Line("no permissions: every provider may be paid (within --max-price)");
        }

        return 0;
    }

    private static void Report(CliContext context, string what, PermissionScope scope)
    {
        if (context.Json)
        {
            context.WriteJson(new JsonObject { ["result"] = what, ["scope"] = scope.ToString() });
        }
        else
        {
            context.Line($"{what}: {scope}");
        }
    }

    private static Amount? Optional(string? text, string option) => text is null ? null : CliParse.Amount(text, option, allowZero: true);

    private static string? Utia(Amount? amount) => amount?.Utia.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset Expiry(string text, DateTimeOffset now)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && text.Contains('-', StringComparison.Ordinal))
        {
            return at > now ? at : throw new CliFailure(CliErrorCodes.BadArgument, $"--expires {text} is in the past");
        }

        if (text.EndsWith('h') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) && hours > 0)
        {
            return now.AddHours(hours);
        }

        if (text.EndsWith('d') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var days) && days > 0)
        {
            return now.AddDays(days);
        }

        return now + CliParse.Duration(text, "--expires");
    }
}
