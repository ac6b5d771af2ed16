using Fontana.Ledger.Tests.Infrastructure;

namespace Fontana.Ledger.Tests.Conformance;

/// <summary>The conformance suite on PostgreSQL (skipped, and reported so, without FONTANA_TEST_POSTGRES).</summary>
public sealed class PostgresLedgerTests() : LedgerConformanceTests(() => new PostgresTarget()), IPostgresTests;
