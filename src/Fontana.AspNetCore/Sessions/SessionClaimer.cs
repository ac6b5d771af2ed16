using System.Diagnostics.Metrics;
using Fontana.AspNetCore.Payments;
using Fontana.AspNetCore.Settlement;
using Fontana.Core;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Microsoft.Extensions.Options;

namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// Settles the provider's session charges on the ledger in batches: a claim per session when its unclaimed charges
/// reach <see cref="FontanaSessionOptions.ClaimThresholdUtia"/> or every <see cref="FontanaSessionOptions.ClaimInterval"/>,
/// with the highest voucher, for exactly what was charged; a close (payee share, payer refund) when the session nears
/// its expiry. Metrics: <c>fontana.provider.session.claims</c> (by outcome), <c>…claimed</c> (utia), <c>…unclaimed</c>.
/// </summary>
internal sealed partial class SessionClaimer : BackgroundService, ISessionClaims
{
    /// <summary>The meter of the provider's session metrics.</summary>
    public const string MeterName = "Fontana.AspNetCore.Sessions";

    private readonly SessionBook _book;
    private readonly IServiceProvider _services;
    private readonly FontanaSessionOptions _options;
    private readonly ProviderIdentity _identity;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionClaimer> _logger;
    private readonly Counter<long> _claims;
    private readonly Counter<long> _claimedUtia;
    private long _claimCount;

    public SessionClaimer(SessionBook book, IServiceProvider services, IOptions<FontanaSessionOptions> options, ProviderIdentity identity,
        TimeProvider time, IMeterFactory meters, ILogger<SessionClaimer> logger)
    {
        _book = book;
        _services = services;
        _options = options.Value;
        _identity = identity;
        _time = time;
        _logger = logger;
        var meter = meters.Create(MeterName);
        _claims = meter.CreateCounter<long>("fontana.provider.session.claims", description: "Session claims and closes submitted, by outcome");
        _claimedUtia = meter.CreateCounter<long>("fontana.provider.session.claimed", "utia", "Amount claimed from sessions");
        meter.CreateObservableGauge("fontana.provider.session.unclaimed", Unclaimed, "utia", "Charged but not yet claimed");
    }

    /// <summary>Claims and closes that the ledger accepted since start-up.</summary>
    public long ClaimCount => Interlocked.Read(ref _claimCount);

    /// <summary>Claims (and closes, near expiry) what is due now; <paramref name="all"/> claims every session with anything unclaimed.</summary>
    public async Task<int> ClaimDueAsync(bool all, CancellationToken cancellationToken)
    {
        var ledger = _services.GetRequiredService<SessionNode>().Ledger;
        if (ledger is null)
        {
            return 0;
        }

        var submitted = 0;
        var now = (ulong)_time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var session in _book.Sessions)
        {
            if (session.NeedsSync && !session.Closed)
            {
                try
                {
                    await _book.RefreshTermsAsync(session, cancellationToken).ConfigureAwait(false);
                    await _book.SaveAsync(session).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    LogClaimFailed(session.Terms.Id, "node-unreachable", ex.Message);
                    continue;
                }
            }

            var tx = Build(session, all, now);
            if (tx is null)
            {
                if (all && IsIdleWithVouchers(session))
                {
                    // Nothing to claim (MAC vouchers within the credit, or less than a fee): read the ledger anyway once
                    // per interval, so a session the payer closed stops taking vouchers as it would at a claim.
                    await TryRefreshAsync(session, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var (transaction, amount, closing) = tx.Value;
            SettleOutcome outcome;
            try
            {
                outcome = await ledger.SubmitAsync(TransactionCodec.Encode(transaction), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (session.Sync)
                {
                    session.Claiming = false;
                }
            }

            if (!outcome.Success)
            {
                // The claim may have landed before an earlier crash or a lost answer, or the payer closed the session:
                // read the ledger now (or before the next claim when it cannot be reached).
                session.NeedsSync = true;
                if (!outcome.IsUnavailable)
                {
                    try
                    {
                        await _book.RefreshTermsAsync(session, cancellationToken).ConfigureAwait(false);
                        await _book.SaveAsync(session).ConfigureAwait(false);
                    }
                    catch (HttpRequestException ex)
                    {
                        LogClaimFailed(session.Terms.Id, "node-unreachable", ex.Message);
                    }
                }

                _claims.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ErrorReason));
                LogClaimFailed(session.Terms.Id, outcome.ErrorReason, outcome.Detail);
                continue;
            }

            lock (session.Sync)
            {
                session.Claimed += amount;
                session.Terms = session.Terms with { Claimed = session.Claimed, Counter = Math.Max(session.Terms.Counter, session.Latest?.Voucher.Counter ?? 0), Closed = closing };
                session.Closed |= closing;
            }

            await _book.SaveAsync(session).ConfigureAwait(false);
            _claims.Add(1, new KeyValuePair<string, object?>("outcome", closing ? "closed" : "claimed"));
            _claimedUtia.Add((long)amount.Utia);
            Interlocked.Increment(ref _claimCount);
            submitted++;
        }

        return submitted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastFull = _time.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var full = _time.GetElapsedTime(lastFull) >= _options.ClaimInterval;
            if (full)
            {
                lastFull = _time.GetTimestamp();
            }

            try
            {
                await ClaimDueAsync(full, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogClaimLoopFailed(ex);
            }
        }
    }

    /// <summary>True for an open session that took vouchers since its last claim and has no claim in flight.</summary>
    private static bool IsIdleWithVouchers(ProviderSession session)
    {
        lock (session.Sync)
        {
            return !session.Closed && !session.Claiming && session.HighestCounter > session.Terms.Counter;
        }
    }

    private async Task TryRefreshAsync(ProviderSession session, CancellationToken cancellationToken)
    {
        try
        {
            await _book.RefreshTermsAsync(session, cancellationToken).ConfigureAwait(false);
            await _book.SaveAsync(session).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            LogClaimFailed(session.Terms.Id, "node-unreachable", ex.Message);
        }
    }

    /// <summary>The claim (or close) due for <paramref name="session"/>, marking it in flight; null when nothing is due.</summary>
    private (Transaction Tx, Amount Amount, bool Closing)? Build(ProviderSession session, bool all, ulong now)
    {
        var fee = Amount.FromUtia(_options.ClaimFeeUtia);
        lock (session.Sync)
        {
            if (session.Closed || session.Claiming || session.Latest is null)
            {
                return null;
            }

            // Only a signed voucher can be claimed: charges beyond the newest one (MAC vouchers within the credit) wait.
            var claimable = session.Claimable;
            var unclaimed = claimable > session.Claimed ? claimable - session.Claimed : Amount.Zero;
            var closing = now + (ulong)(_options.ExpiryMargin.TotalSeconds / 2) >= session.Terms.Expiry && session.Reserved.IsZero;
            var voucherIsNew = session.Latest.Voucher.Counter > session.Terms.Counter;
            if (closing)
            {
                var share = voucherIsNew ? unclaimed : Amount.Zero;
                var refund = session.Terms.Deposit - session.Claimed - share;
                var builder = new TransactionBuilder(_identity.ChainId).WithSessionClose(session.Terms.Id, voucherIsNew ? session.Latest : null);
                if (!share.IsZero)
                {
                    builder.AddOutput(new Address(session.Terms.Payee), share);
                }

                if (!refund.IsZero)
                {
                    builder.AddOutput(new Address(session.Terms.Payer), refund);
                }

                session.Claiming = true;
                return (builder.Sign(_identity.ChallengeKey), share, true);
            }

            if (!voucherIsNew || unclaimed <= fee || (!all && unclaimed.Utia < _options.ClaimThresholdUtia))
            {
                return null;
            }

            session.Claiming = true;
            var claim = new TransactionBuilder(_identity.ChainId)
                .WithSessionClaim(session.Latest)
                .AddOutput(new Address(session.Terms.Payee), unclaimed - fee)
                .WithFee(fee)
                .Sign(_identity.ChallengeKey);
            return (claim, unclaimed, false);
        }
    }

    private IEnumerable<Measurement<long>> Unclaimed()
    {
        long total = 0;
        foreach (var session in _book.Sessions)
        {
            lock (session.Sync)
            {
                total += (long)(session.Charged - session.Claimed).Utia;
            }
        }

        yield return new Measurement<long>(total);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claim on session {SessionId} failed ({Reason}): {Detail}")]
    private partial void LogClaimFailed(Hash32 sessionId, string reason, string? detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "The session claim loop failed; retrying at the next tick")]
    private partial void LogClaimLoopFailed(Exception ex);
}
