using Fontana.DataAvailability.Celestia;
using Fontana.DataAvailability.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Fontana.DataAvailability.Tests;

public sealed class DaRetryPolicyTests : IAsyncLifetime
{
    private readonly TimerCountingTimeProvider _time = new();
    private readonly DateTimeOffset _start;
    private readonly ListLogger _log = new();
    private readonly HttpClient _http = new();
    private FakeCelestiaNode _node = null!;

    public DaRetryPolicyTests() => _start = _time.GetUtcNow();

    public async Task InitializeAsync() => _node = await FakeCelestiaNode.StartAsync();

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _http.Dispose();
    }

    private static DaRetryOptions Options(int maxRetries = 10) => new()
    {
        MaxRetryAttempts = maxRetries,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(30),
        AlertAfterAttempts = 3,
    };

    /// <summary>Drives the fake clock until <paramref name="task"/> ends: each time a retry delay is pending, jump past it.</summary>
    private async Task<T> RunAsync<T>(Task<T> task)
    {
        while (!task.IsCompleted)
        {
            using var stop = new CancellationTokenSource();
            var timer = _time.WaitForTimerAsync(cancellationToken: stop.Token);
            if (await Task.WhenAny(task, timer) == timer)
            {
                await timer;
                _time.Advance(TimeSpan.FromSeconds(30));
            }

            await stop.CancelAsync();
        }

        return await task;
    }

    [Fact]
    public async Task Execute_CelestiaOutageThenRecovery_RetriesWithBackoffAndPosts()
    {
        var da = new CelestiaDataAvailability(_http, _node.Options());
        var pipeline = DaRetryPolicy.Create(Options(), _log, _time);
        _node.FailNext(2, FakeFailure.Http500);
        _node.FailNext(1, FakeFailure.ConnectionReset);
        _node.FailNext(1, FakeFailure.RpcError);

        var reference = await RunAsync(pipeline.ExecuteAsync(ct => new ValueTask<Fontana.Core.DaReference>(da.PostAsync(1, TestBlocks.Make(1, 2000), ct))).AsTask());

        (await da.GetAsync(reference)).ShouldBe(TestBlocks.Make(1, 2000));
        (_time.GetUtcNow() - _start).ShouldBe(TimeSpan.FromSeconds(4 * 30));
        _log.Entries.Count(e => e.Level == LogLevel.Warning).ShouldBe(2);
        _log.Entries.Count(e => e.Level == LogLevel.Critical).ShouldBe(2);
        _log.Entries[0].Message.ShouldContain("da-unavailable");
        _log.Entries[^1].Message.ShouldContain("da-rpc-error");
    }

    [Fact]
    public async Task Execute_OutageLongerThanRetries_GivesUpWithLastError()
    {
        var da = new CelestiaDataAvailability(_http, _node.Options());
        var pipeline = DaRetryPolicy.Create(Options(maxRetries: 3), _log, _time);
        _node.FailNext(10, FakeFailure.Http500);

        var error = await Should.ThrowAsync<DataAvailabilityException>(
            RunAsync(pipeline.ExecuteAsync(ct => new ValueTask<Fontana.Core.DaReference>(da.PostAsync(1, new byte[] { 1 }, ct))).AsTask()));

        error.Code.ShouldBe("da-unavailable");
        _log.Entries.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Execute_AuthFailure_IsNotRetried()
    {
        var da = new CelestiaDataAvailability(_http, _node.Options("wrong"));
        var pipeline = DaRetryPolicy.Create(Options(), _log, _time);

        var error = await Should.ThrowAsync<DataAvailabilityException>(
            pipeline.ExecuteAsync(ct => new ValueTask<Fontana.Core.DaReference>(da.PostAsync(1, new byte[] { 1 }, ct))).AsTask());

        error.Code.ShouldBe("da-auth");
        _log.Entries.ShouldBeEmpty();
        (_time.GetUtcNow() - _start).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task Execute_ExponentialBackoffWithoutJitter_DoublesUpToMaxDelay()
    {
        var options = Options(maxRetries: 6);
        options.UseJitter = false;
        options.MaxDelay = TimeSpan.FromSeconds(10);
        var pipeline = DaRetryPolicy.Create(options, _log, _time);
        var attempts = new List<TimeSpan>();
        var start = _time.GetUtcNow();

        var run = pipeline.ExecuteAsync(_ =>
        {
            attempts.Add(_time.GetUtcNow() - start);
            return attempts.Count < 6
                ? throw new DataAvailabilityException(DaErrorCodes.Unavailable, "down")
                : ValueTask.FromResult(attempts.Count);
        }).AsTask();
        while (!run.IsCompleted)
        {
            await _time.WaitForTimerAsync();
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        (await run).ShouldBe(6);
        attempts.ShouldBe([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(25)]);
    }

    [Fact]
    public void Create_InvalidOptions_NamesTheKeys()
    {
        var error = Should.Throw<ArgumentException>(() => DaRetryPolicy.Create(new DaRetryOptions { MaxRetryAttempts = -1, BaseDelay = TimeSpan.Zero }));
        error.Message.ShouldContain("DataAvailability:Retry:MaxRetryAttempts");
        error.Message.ShouldContain("DataAvailability:Retry:BaseDelay");
    }
}
