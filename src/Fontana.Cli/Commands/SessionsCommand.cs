using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Errors;
using Fontana.Sdk;
using Fontana.Sdk.Sessions;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana sessions [list] | show ID | close ID [--sessions-dir DIR]</c>: the wallet's payment sessions (opened by
/// <c>fontana call --session</c> or any SDK payer whose <c>Sessions.StoreDirectory</c> is the same directory), with
/// their status on the node. <c>close</c> closes a session as the payer: the provider gets what its receipts said was
/// charged, beyond what it already claimed; the rest of the deposit comes back to the wallet.
/// </summary>
internal static class SessionsCommand
{
    public static Command Create()
    {
        var command = new Command("sessions", "Payment sessions of this wallet: list (default), show ID, close ID");
        var dir = DirectoryOption();
        command.Options.Add(dir);
        CliCommand.SetHandler(command, (context, ct) => ListAsync(context, dir, ct));

        var listDir = DirectoryOption();
        var list = new Command("list", "List the sessions on record with their status on the node") { listDir };
        CliCommand.SetHandler(list, (context, ct) => ListAsync(context, listDir, ct));
        command.Subcommands.Add(list);

        var showId = new Argument<string>("ID") { Description = "The session id (its open transaction's txid)" };
        var showDir = DirectoryOption();
        var show = new Command("show", "One session: what was deposited, authorized, charged and claimed") { showId, showDir };
        CliCommand.SetHandler(show, async (context, ct) =>
        {
            using var session = Load(context, showDir, showId);
            using var node = new FontanaClient(context.NodeUrl);
            var state = await StatusAsync(node, session, ct);
            Print(context, [(session, state)]);
            return 0;
        });
        command.Subcommands.Add(show);

        var closeId = new Argument<string>("ID") { Description = "The session id" };
        var closeDir = DirectoryOption();
        var close = new Command("close", "Close a session: pay the provider what it charged, take the rest back") { closeId, closeDir };
        CliCommand.SetHandler(close, async (context, ct) =>
        {
            var store = Store(context, closeDir);
            using var session = Load(context, closeDir, closeId);
            using var node = new FontanaClient(context.NodeUrl);
            var state = await node.GetSessionAsync(session.Id, ct)
                ?? throw new CliFailure(ErrorCodes.SessionNotFound, $"the node has no session {session.Id}");
            if (state.Status == "closed")
            {
                session.MarkClosed();
                store.Save(session);
                throw new CliFailure(ErrorCodes.SessionClosed, $"session {session.Id} is already closed");
            }

            using var wallet = CliWallet.Load(context);
            await new SessionOpener(node, wallet.PrivateKey).CloseAsync(session, session.Charged, Amount.ParseUtia(state.Claimed), ct);
            SessionCrashPoints.Reach(SessionCrashPoints.CloseAfterSubmit);
            session.MarkClosed();
            store.Save(session);
            var after = await node.GetSessionAsync(session.Id, ct);
            Print(context, [(session, after)]);
            return 0;
        });
        command.Subcommands.Add(close);
        command.Subcommands.Add(ReclaimCommand());
        return command;
    }

    private static Command ReclaimCommand()
    {
        var id = new Argument<string?>("ID") { Description = "The session id (default: every expired session on record)", Arity = ArgumentArity.ZeroOrOne };
        var dir = DirectoryOption();
        var reclaim = new Command("reclaim", "After a session's expiry, take back what it never paid the provider") { id, dir };
        CliCommand.SetHandler(reclaim, async (context, ct) =>
        {
            var store = Store(context, dir);
            var text = context.Parse.GetValue(id);
            var ids = new List<Hash32>();
            if (text is null)
            {
                var now = (ulong)TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
                foreach (var session in store.LoadAll())
                {
                    using (session)
                    {
                        if (!session.IsClosed && session.Expiry <= now)
                        {
                            ids.Add(session.Id);
                        }
                    }
                }
            }
            else if (Hash32.TryParse(text, out var one))
            {
                ids.Add(one);
            }
            else
            {
                throw new CliFailure(ErrorCodes.BadArgument, $"\"{text}\" is not a session id (64 hex characters)");
            }

            using var node = new FontanaClient(context.NodeUrl);
            using var wallet = CliWallet.Load(context);
            var opener = new SessionOpener(node, wallet.PrivateKey);
            var rows = new JsonArray();
            var total = Amount.Zero;
            foreach (var sessionId in ids)
            {
                Amount returned;
                try
                {
                    returned = await opener.ReclaimAsync(sessionId, ct);
                }
                catch (FontanaPaymentException ex) when (ex.Code == ErrorCodes.SessionClosed)
                {
                    // Closed or reclaimed already (by another program, or by a run of this command that stopped before
                    // saving its record): the record is put right; a session named by the caller is still an error.
                    MarkClosed(store, sessionId);
                    if (text is not null)
                    {
                        throw;
                    }

                    rows.Add(new JsonObject { ["id"] = sessionId.ToString(), ["returned"] = Utia(Amount.Zero), ["alreadyClosed"] = true });
                    if (!context.Json)
                    {
                        context.Line($"{sessionId}  already closed on the ledger; record updated");
                    }

                    continue;
                }

                SessionCrashPoints.Reach(SessionCrashPoints.ReclaimAfterSubmit);
                total += returned;
                MarkClosed(store, sessionId);
                rows.Add(new JsonObject { ["id"] = sessionId.ToString(), ["returned"] = Utia(returned) });
                if (!context.Json)
                {
                    context.Line($"{sessionId}  reclaimed  {returned} back to {new Address(wallet.PrivateKey.PublicKey)}");
                }
            }

            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["reclaimed"] = rows, ["total"] = Utia(total) });
            }
            else if (ids.Count == 0)
            {
                context.Line("no expired sessions on record");
            }

            return 0;
        });
        return reclaim;
    }

    private static void MarkClosed(SessionFileStore store, Hash32 sessionId)
    {
        if (store.Load(sessionId) is { } recorded)
        {
            using (recorded)
            {
                recorded.MarkClosed();
                store.Save(recorded);
            }
        }
    }

    /// <summary>Where the wallet's sessions are kept: <c>--sessions-dir</c>, else <c>sessions/</c> next to the wallet file.</summary>
    public static string DirectoryOf(CliContext context, string? option) =>
        option ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(context.WalletPath)) ?? ".", "sessions");

    public static Option<string?> DirectoryOption() =>
        new("--sessions-dir") { Description = "Where sessions are kept (default: sessions/ next to the wallet)", HelpName = "DIR" };

    private static SessionFileStore Store(CliContext context, Option<string?> option) =>
        new(DirectoryOf(context, context.Parse.GetValue(option)));

    private static PaymentSession Load(CliContext context, Option<string?> dir, Argument<string> id)
    {
        var text = context.Parse.GetValue(id) ?? string.Empty;
        if (!Hash32.TryParse(text, out var sessionId))
        {
            throw new CliFailure(ErrorCodes.BadArgument, $"\"{text}\" is not a session id (64 hex characters)");
        }

        return Store(context, dir).Load(sessionId)
            ?? throw new CliFailure(ErrorCodes.SessionNotFound, $"no session {sessionId} on record in {DirectoryOf(context, context.Parse.GetValue(dir))}");
    }

    private static async Task<int> ListAsync(CliContext context, Option<string?> dir, CancellationToken ct)
    {
        var sessions = Store(context, dir).LoadAll();
        try
        {
            using var node = new FontanaClient(context.NodeUrl);
            var rows = new List<(PaymentSession, SessionDto?)>();
            foreach (var session in sessions.OrderBy(s => s.Expiry))
            {
                rows.Add((session, await StatusAsync(node, session, ct)));
            }

            Print(context, rows);
            if (!context.Json && rows.Count == 0)
            {
                context.Line("no sessions on record");
            }

            return 0;
        }
        finally
        {
            foreach (var session in sessions)
            {
                session.Dispose();
            }
        }
    }

    private static async Task<SessionDto?> StatusAsync(FontanaClient node, PaymentSession session, CancellationToken ct)
    {
        try
        {
            return await node.GetSessionAsync(session.Id, ct);
        }
        catch (FontanaApiException ex) when (ex.Code == FontanaApiException.NodeUnreachableCode)
        {
            throw new CliFailure(ErrorCodes.NodeUnreachable, ex.Message);
        }
    }

    private static void Print(CliContext context, IReadOnlyList<(PaymentSession Session, SessionDto? State)> rows)
    {
        if (context.Json)
        {
            var array = new JsonArray();
            foreach (var (session, state) in rows)
            {
                array.Add(new JsonObject
                {
                    ["id"] = session.Id.ToString(),
                    ["status"] = state?.Status ?? "unknown",
                    ["payee"] = new Address(session.Payee).ToString(),
                    ["deposit"] = state?.Deposit ?? Utia(session.Deposit),
                    ["authorized"] = Utia(session.Cumulative),
                    ["charged"] = Utia(session.Charged),
                    ["claimed"] = state?.Claimed,
                    ["locked"] = state?.Locked,
                    ["counter"] = session.Counter,
                    ["expiry"] = session.Expiry,
                });
            }

            context.WriteJson(new JsonObject { ["sessions"] = array });
            return;
        }

        foreach (var (session, state) in rows)
        {
            var expiry = DateTimeOffset.FromUnixTimeSeconds((long)session.Expiry).ToString("u", CultureInfo.InvariantCulture);
            context.Line($"{session.Id}  {state?.Status ?? "unknown",-7}  payee {new Address(session.Payee)}  deposit {Utia(session.Deposit)}  "
                + $"charged {Utia(session.Charged)}  claimed {state?.Claimed ?? "?"}  locked {state?.Locked ?? "?"}  expires {expiry}");
        }
    }

    /// <summary>The <c>extensions.fontanaSession</c> of a session call's PAYMENT-RESPONSE (what it was charged and why), or null.</summary>
    public static JsonObject? ReadCharge(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(Fontana.Core.X402.X402Headers.PaymentResponse, out var values))
        {
            return null;
        }

        try
        {
            var settlement = Fontana.Core.X402.X402HeaderCodec.DecodePaymentResponse(values.First());
            return settlement.Extensions is { } extensions && extensions.TryGetProperty("fontanaSession", out var charge)
                ? JsonNode.Parse(charge.GetRawText()) as JsonObject
                : null;
        }
        catch (Fontana.Core.X402.X402FormatException)
        {
            return null;
        }
    }

    private static string Utia(Amount amount) => amount.Utia.ToString(CultureInfo.InvariantCulture) + "utia";
}
