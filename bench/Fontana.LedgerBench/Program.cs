using System.Globalization;
using Fontana.Ledger;
using Fontana.Ledger.Load;

// dotnet run -c Release --project bench/Fontana.LedgerBench -- [--store sqlite|postgres] [--transactions N]
//   [--concurrency N] [--postgres CONNECTION] [--sqlite PATH] [--synchronous full|normal] [--seal-interval 6s|none]
//   [--batch N] [--json]
var options = new LedgerLoadOptions();
var json = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--store":
            options.Store = Next() == "postgres" ? LedgerStoreKind.Postgres : LedgerStoreKind.Sqlite;
            break;
        case "--transactions":
            options.Transactions = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--concurrency":
            options.Concurrency = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--postgres":
            options.PostgresConnectionString = Next();
            break;
        case "--sqlite":
            options.SqlitePath = Next();
            break;
        case "--synchronous":
            options.SqliteSynchronous = Enum.Parse<Fontana.Ledger.Storage.SqliteSynchronousMode>(Next(), ignoreCase: true);
            break;
        case "--seal-interval":
            var text = Next();
            options.SealInterval = text == "none" ? null : TimeSpan.FromSeconds(double.Parse(text.TrimEnd('s'), CultureInfo.InvariantCulture));
            break;
        case "--verifiers":
            options.VerifierCount = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--batch":
            options.MaxBatchSize = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--json":
            json = true;
            break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}");
            return 2;
    }
}

if (options.Store == LedgerStoreKind.Postgres && options.PostgresConnectionString is null)
{
    options.PostgresConnectionString = Environment.GetEnvironmentVariable("FONTANA_TEST_POSTGRES");
}

var result = await LedgerLoadRunner.RunAsync(options, json ? null : Console.Error.WriteLine);
Console.WriteLine(json ? result.ToJson() : result.ToString());
return 0;
