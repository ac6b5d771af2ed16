using Fontana.Ledger.Tests.Infrastructure;

namespace Fontana.Ledger.Tests.Conformance;

public sealed class SqliteLedgerTests() : LedgerConformanceTests(() => new SqliteTarget());
