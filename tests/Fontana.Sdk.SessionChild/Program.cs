using System.Text.Json.Nodes;
using Fontana.Core;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Sessions;
using Fontana.Sdk.Store;
using Fontana.Sdk.Wallet;

// Usage: SessionChild <pay-then-close|close|reclaim> <node url> <wallet key file> <store> <schema|-> <sessions dir> [<url> <calls>]
// <store> is a SQLite file or a PostgreSQL connection string (Host=…; then <schema> is its schema).
//   pay-then-close: pays <calls> GETs of <url> through the payer (a session opens on the first), prints
//                   {"paid":N,"sessions":[…]}, then closes the sessions in use and prints {"closed":K}.
//   close:          a restarted payer: resumes the sessions on record, closes them, prints {"closed":K}.
//   reclaim:        a restarted payer: initializes (which reclaims the expired sessions on record), prints {"initialized":true}.
if (args.Length < 6 || (args[0] == "pay-then-close" && args.Length < 8))
{
    await Console.Error.WriteLineAsync("usage: SessionChild <pay-then-close|close|reclaim> <node url> <wallet> <store> <schema|-> <sessions dir> [<url> <calls>]");
    return 2;
}

var (command, nodeUrl, walletPath, storeLocation, schema, sessionsDir) = (args[0], args[1], args[2], args[3], args[4], args[5]);
using var wallet = WalletKeyFile.Load(walletPath);
using var store = storeLocation.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
    ? WalletStore.OpenPostgres(storeLocation, wallet.Address, schema == "-" ? null : schema)
    : WalletStore.OpenSqlite(storeLocation, wallet.Address, TimeSpan.FromSeconds(30));
var options = new FontanaPayerOptions
{
    NodeUrl = new Uri(nodeUrl),
    Wallet = wallet,
    Store = store,
    Sessions = new PaymentSessionOptions { Enabled = true, StoreDirectory = sessionsDir, CloseOnDispose = false },
};
options.Monitor.Enabled = false; // the test reads the ledger itself
using var payer = new FontanaPayer(options);

switch (command)
{
    case "pay-then-close":
        var url = new Uri(args[6]);
        var calls = int.Parse(args[7], System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < calls; i++)
        {
            using var response = await payer.CallPaidApiAsync(url, maxPrice: Amount.FromUtia(10_000));
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"call {i} answered {(int)response.StatusCode}");
                return 1;
            }
        }

        var sessions = new JsonArray();
        foreach (var session in payer.Sessions)
        {
            sessions.Add(new JsonObject { ["id"] = session.Id.ToString(), ["charged"] = session.Charged.Utia, ["deposit"] = session.Deposit.Utia });
        }

        Print(new JsonObject { ["paid"] = calls, ["sessions"] = sessions });
        Print(new JsonObject { ["closed"] = await payer.CloseSessionsAsync() });
        return 0;
    case "close":
        Print(new JsonObject { ["closed"] = await payer.CloseSessionsAsync() });
        return 0;
    case "reclaim":
        await payer.InitializeAsync();
        Print(new JsonObject { ["initialized"] = true });
        return 0;
    default:
        await Console.Error.WriteLineAsync($"unknown command {command}");
        return 2;
}

static void Print(JsonObject line)
{
    Console.Out.WriteLine(line.ToJsonString());
    Console.Out.Flush();
}
