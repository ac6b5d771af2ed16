using Fontana.Core.X402;
using Microsoft.Extensions.Options;

namespace Fontana.AspNetCore.PaidCalls;

/// <summary>
/// Exactly once (docs/x402.md): decides, for a verified payment, whether this request executes the call, replays its
/// stored response, waits for the instance executing it, or is refused; records the response once the handler ran.
/// Store failures never run a handler: the gate answers 503.
/// </summary>
internal sealed partial class PaidCallCoordinator
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    private readonly IPaidCallStore _store;
    private readonly PaidCallOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PaidCallCoordinator> _logger;
    private long _nextPruneMs;

    public PaidCallCoordinator(IPaidCallStore store, IOptions<FontanaProviderOptions> options, TimeProvider time, ILogger<PaidCallCoordinator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value.PaidCalls;
        _time = time;
        _logger = logger;
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A new claim for a payment of <paramref name="txId"/> answering challenge <paramref name="key"/>.</summary>
    public PaidCallRecord Candidate(string key, string? paymentId, string txId, string fingerprint)
    {
        var now = NowMs;
        return new PaidCallRecord(key, paymentId, txId, fingerprint, PaidCallState.Claimed, now + (long)_options.ExecutionLease.TotalMilliseconds, now);
    }

    public async ValueTask<PaidCallDecision> BeginAsync(PaidCallRecord candidate, CancellationToken cancellationToken)
    {
        try
        {
            await PruneIfDueAsync(cancellationToken).ConfigureAwait(false);
            var delay = TimeSpan.FromMilliseconds(2);
            while (true)
            {
                var claim = await _store.ClaimAsync(candidate, cancellationToken).ConfigureAwait(false);
                if (claim.IsNew)
                {
                    return PaidCallDecision.Execute(takeOver: false);
                }

                var existing = claim.Record;
                if (Judge(candidate, existing) is { } decision)
                {
                    if (decision.Kind != PaidCallDecision.Action.Execute
                        || await _store.TakeOverAsync(existing.Key, existing.LeaseUntilMs, candidate.LeaseUntilMs, cancellationToken).ConfigureAwait(false))
                    {
                        return decision;
                    }

                    continue;
                }

                // Another request (here or on another instance) is executing this call: wait for its response.
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(100, delay.TotalMilliseconds * 2));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(ex, candidate.Key);
            return PaidCallDecision.Unavailable("the provider's paid-call store is unavailable: " + ex.Message);
        }
    }

    /// <summary>Forgets a claim whose settlement was refused or abandoned (best effort: a stale claim is taken over later).</summary>
    public async ValueTask ReleaseAsync(string key)
    {
        try
        {
            await _store.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogStoreFailed(ex, key);
        }
    }

    /// <summary>Marks the call settled and running; false when the store failed (the handler must not run).</summary>
    public async ValueTask<bool> MarkRunningAsync(string key)
    {
        try
        {
            await _store.MarkRunningAsync(key, NowMs + (long)_options.ExecutionLease.TotalMilliseconds, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            LogStoreFailed(ex, key);
            return false;
        }
    }

    /// <summary>Closes a call that can never be replayed (e.g. settled before this provider recorded it).</summary>
    public async ValueTask CloseUnreplayableAsync(string key, string reason)
    {
        try
        {
            await _store.CompleteAsync(key, null, reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogStoreFailed(ex, key);
        }
    }

    /// <summary>Records the response of the call <paramref name="key"/> that is about to run in <paramref name="context"/>.</summary>
    public void Record(HttpContext context, string key)
    {
        var recording = PaidCallRecording.Start(context, key, _options.MaxStoredResponseBytes);
        if (context.Features.Get<PaidCallCaptureMiddleware.CaptureInstalled>() is null)
        {
            context.Response.OnCompleted(() => FinishAsync(recording, null));
        }
    }

    /// <summary>Stores what the call's handler answered (or why it cannot be replayed).</summary>
    public async Task FinishAsync(PaidCallRecording recording, Exception? failure)
    {
        var outcome = await recording.FinishAsync(failure, _options.MaxStoredResponseBytes).ConfigureAwait(false);
        if (outcome is not { } done)
        {
            return;
        }

        try
        {
            await _store.CompleteAsync(recording.Key, done.Response, done.NotStoredReason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The call stays "running": replays are refused as interrupted once the lease passes, never run again.
            LogStoreFailed(ex, recording.Key);
        }
    }

    /// <summary>Writes a stored response as the answer to a replay.</summary>
    public static async Task WriteReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.Status;
        foreach (var (name, value) in stored.Headers)
        {
            response.Headers[name] = value;
        }

        response.ContentLength = stored.Body.Length;
        if (stored.Body.Length > 0 && !HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(stored.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Null while another request owns the call (wait); otherwise what to do.</summary>
    private PaidCallDecision? Judge(PaidCallRecord candidate, PaidCallRecord existing)
    {
        var byPaymentId = candidate.PaymentId is not null && string.Equals(existing.PaymentId, candidate.PaymentId, StringComparison.Ordinal);
        if (!string.Equals(existing.TxId, candidate.TxId, StringComparison.Ordinal) && !byPaymentId)
        {
            return PaidCallDecision.Refuse(
                X402ErrorReasons.ChallengeUsed, "this challenge was already paid by another transaction; a payment buys one call");
        }

        if (!string.Equals(existing.Fingerprint, candidate.Fingerprint, StringComparison.Ordinal))
        {
            return PaidCallDecision.Refuse(
                X402ErrorReasons.DuplicateSettlement,
                byPaymentId && !string.Equals(existing.TxId, candidate.TxId, StringComparison.Ordinal)
                    ? "this payment identifier already paid for another request (method, path and query, or body differ)"
                    : "this payment already paid for another request (method, path and query, or body differ); a payment buys one call");
        }

        var leaseOver = existing.LeaseUntilMs <= NowMs;
        return existing.State switch
        {
            PaidCallState.Completed when existing.Response is { } response => PaidCallDecision.Replay(response),
            PaidCallState.Completed => PaidCallDecision.Refuse(
                X402ErrorReasons.PaidCallNotReplayable, "this payment's call ran once but its response cannot be replayed: " + existing.NotStoredReason),
            PaidCallState.Claimed when leaseOver && string.Equals(existing.TxId, candidate.TxId, StringComparison.Ordinal) => PaidCallDecision.Execute(takeOver: true),
            PaidCallState.Claimed or PaidCallState.Running when leaseOver => PaidCallDecision.Refuse(
                X402ErrorReasons.PaidCallInterrupted, "this payment's call started but did not finish in time; it will not run again"),
            _ => null,
        };
    }

    private async ValueTask PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = NowMs;
        var due = Interlocked.Read(ref _nextPruneMs);
        if (now < due || Interlocked.CompareExchange(ref _nextPruneMs, now + (long)PruneEvery.TotalMilliseconds, due) != due)
        {
            return;
        }

        await _store.PruneAsync(now - (long)_options.Retention.TotalMilliseconds, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The paid-call store failed for call {Key}")]
    private partial void LogStoreFailed(Exception exception, string key);
}
