using Fontana.Ledger.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Fontana.Ledger.Tests.Crash;

public sealed class SqliteCrashSafetyTests(ITestOutputHelper output) : CrashSafetyTests(() => new SqliteTarget(), output);
