using Fontana.Ledger.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Fontana.Ledger.Tests.Crash;

public sealed class PostgresCrashSafetyTests(ITestOutputHelper output) : CrashSafetyTests(() => new PostgresTarget(), output), IPostgresTests;
