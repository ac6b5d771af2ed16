using System.Diagnostics;
using System.Net;
using Fontana.Core.Errors;
using Fontana.Core;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Core.X402;
using Fontana.Sdk.Diagnostics;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Utxos;
using Fontana.Core.Crypto;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Payments;

/// <summary>The paid-call flow behind <see cref="FontanaPayer"/>: send → 402 → select offer → lock coin → sign → retry
/// with <c>PAYMENT-SIGNATURE</c> → settle (or hand the payment to the <see cref="PaymentResolver"/> when its outcome is unknown).</summary>
internal sealed class PaymentFlow(
    FontanaPayer payer, PrivateKey key, UtxoAllocator allocator, PaymentResolver resolver, UtxoSynchronizer synchronizer,
    FontanaPayerOptions options, TimeProvider time, SdkMetrics metrics, ILogger logger)
{
    private readonly Address _address = new(key.PublicKey);
    private readonly ChallengePool _challenges = new();

    /// <summary>Paying handed-out challenges: on unless the payer opens payment sessions itself (then the session handler
    /// below decides, from each 402, between a voucher and <c>exact</c>, and a pooled challenge would bypass it).</summary>
    private readonly bool _prefetch = options.PrefetchChallenges && options.Sessions is not { Enabled: true };
    private long _prefetchedPayments;

    private enum Outcome
    {
        Settled,
        InputSpent,
        Rejected,
        Uncertain,

        /// <summary>Refused, and the node is asked whether it applied the payment anyway (the coin stays locked).</summary>
        RejectedUnresolved,
    }

    /// <summary>Payments made with a challenge handed out by the previous paid response (one request for the call).</summary>
    public long PrefetchedPayments => Interlocked.Read(ref _prefetchedPayments);

    public async Task<HttpResponseMessage> SendPaidAsync(
        HttpRequestMessage request, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, Amount maxPrice, CancellationToken cancellationToken)
    {
        request.ClearFontanaReceipt();
        request.Headers.Remove(X402Headers.PaymentSignature);
        if (request.Content is not null)
        {
            // The paid retry sends the same body again.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_prefetch && request.RequestUri is { IsAbsoluteUri: true } url
            && _challenges.TryTake(request.Method, url, time.GetUtcNow().ToUnixTimeSeconds(), out var prefetched))
        {
            // One request for this call: pay the challenge the previous paid response handed out. Refused before
            // settlement (used, expired, repriced) → nothing was spent, and the refusal's fresh challenge is paid instead.
            return await PayChallengeAsync(request, send, prefetched, maxPrice, cancellationToken, isPrefetched: true).ConfigureAwait(false);
        }

        var response = await send(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.PaymentRequired || !TryReadPaymentRequired(response, out var required))
        {
            return response;
        }

        response.Dispose();
        return await PayChallengeAsync(request, send, required, maxPrice, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pays a 402 already received and decoded (<paramref name="required"/>) and retries the request with the
    /// payment; used when a caller over several networks picked this payer's network from the offers.</summary>
    public async Task<HttpResponseMessage> PayChallengeAsync(
        HttpRequestMessage request, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, PaymentRequired required,
        Amount maxPrice, CancellationToken cancellationToken, bool isPrefetched = false)
    {
        using var activity = SdkActivities.StartPaidCall(request.RequestUri);
        try
        {
            return await PayAsync(request, send, required, maxPrice, isPrefetched, activity, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            SdkActivities.Failed(activity, ex);
            throw;
        }
    }

    private async Task<HttpResponseMessage> PayAsync(
        HttpRequestMessage request, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, PaymentRequired required,
        Amount maxPrice, bool isPrefetched, Activity? activity, CancellationToken cancellationToken)
    {
        await payer.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        payer.MarkActivity();
        for (var attempt = 0; ; attempt++)
        {
            var prepareStart = time.GetTimestamp();
            PendingPayment payment;
            try
            {
                payment = await PrepareAsync(request.RequestUri, required, maxPrice, cancellationToken).ConfigureAwait(false);
            }
            catch (FontanaPaymentException ex) when (isPrefetched && ex.Code == FontanaPaymentException.BadPaymentRequired)
            {
                // A pooled challenge that no longer qualifies (e.g. expired meanwhile): ask the provider for a fresh one.
                return await SendUnprefetchedAsync(request, send, maxPrice, activity, cancellationToken).ConfigureAwait(false);
            }

            SdkActivities.Payment(activity, payment, attempt);
            var prepared = time.GetElapsedTime(prepareStart) - payment.Lease.Waited;
            request.Headers.Remove(X402Headers.PaymentSignature);
            request.Headers.TryAddWithoutValidation(X402Headers.PaymentSignature, payment.Header);
            request.Headers.Remove(FontanaHeaders.NextChallenge);
            if (_prefetch)
            {
                request.Headers.TryAddWithoutValidation(FontanaHeaders.NextChallenge, "1");
            }
            HttpResponseMessage response;
            try
            {
                response = await send(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                resolver.ResolveLater(payment, ex.GetType().Name);
                throw;
            }

            var completeStart = time.GetTimestamp();
            var outcome = Complete(payment, request, response, out var reason, out var detail);
            metrics.Overhead(prepared + time.GetElapsedTime(completeStart));
            switch (outcome)
            {
                case Outcome.Settled:
                    if (isPrefetched)
                    {
                        Interlocked.Increment(ref _prefetchedPayments);
                    }

                    KeepNextChallenge(request, response);
                    activity?.SetTag("fontana.outcome", "settled");
                    return response;
                case Outcome.Uncertain:
                    activity?.SetTag("fontana.outcome", "uncertain");
                    return response;
                case Outcome.Rejected when isPrefetched && response.StatusCode == HttpStatusCode.PaymentRequired
                                           && TryReadPaymentRequired(response, out var renewed):
                    // The pooled challenge was refused before anything was spent (used by a concurrent call, repriced,
                    // expired): pay the fresh challenge of the refusal, as after an ordinary 402.
                    metrics.PrefetchRefused();
                    SdkLog.PrefetchedChallengeRefused(logger, reason);
                    response.Dispose();
                    required = renewed;
                    isPrefetched = false;
                    attempt--;
                    continue;
                case Outcome.InputSpent when attempt < options.MaxInputSpentRetries:
                    metrics.InputSpentRetry();
                    SdkLog.InputSpentRetry(logger, payment.Lease.OutPoint.ToString(), attempt + 1);
                    if (TryReadPaymentRequired(response, out var fresh))
                    {
                        required = fresh;
                        isPrefetched = false;
                    }

                    response.Dispose();
                    await payer.RefreshAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                default:
                    response.Dispose();
                    throw new FontanaPaymentException(reason, $"{reason}: the provider refused the payment for {payment.Resource}{(detail is null ? string.Empty : " (" + detail + ")")}");
            }
        }
    }

    private async ValueTask<PendingPayment> PrepareAsync(Uri? url, PaymentRequired required, Amount maxPrice, CancellationToken cancellationToken)
    {
        var chain = payer.Chain;
        var offer = RequirementSelector.Select(required, chain.Network, maxPrice, out var price);
        FontanaChallenge challenge;
        Hash32 challengeHash;
        try
        {
            challenge = FontanaChallenge.FromExtra(offer.Extra);
            challengeHash = challenge.ComputeChallengeHash();
        }
        catch (X402FormatException ex)
        {
            throw new FontanaPaymentException(FontanaPaymentException.BadPaymentRequired, $"{FontanaPaymentException.BadPaymentRequired}: the challenge is not valid ({ex.Message})", ex);
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (!challenge.Matches(offer, out var mismatch) || challenge.ExpiresAt <= now)
        {
            throw new FontanaPaymentException(
                FontanaPaymentException.BadPaymentRequired,
                $"{FontanaPaymentException.BadPaymentRequired}: the challenge {(mismatch is null ? "has expired" : "does not match its offer: " + mismatch)}");
        }

        if (challenge.PayTo == _address)
        {
            throw new FontanaPaymentException(
                FontanaPaymentException.PayToSelf, $"{FontanaPaymentException.PayToSelf}: {challenge.Resource} is paid to this wallet's own address {_address}");
        }

        var fee = chain.MinFee;
        // Permissions and budgets first: nothing is locked or signed for a payment they refuse.
        var origin = url is { IsAbsoluteUri: true } ? PermissionScope.ForOrigin(url).Key : "unknown";
        var budget = await payer.Permissions.AuthorizeAsync(
            new PermissionRequest(options.AppName, origin, challenge.PayTo, challenge.Resource, price, fee), options.OnPermissionRequest, cancellationToken).ConfigureAwait(false);
        UtxoLease lease;
        try
        {
            lease = await allocator.AcquireAsync(price + fee, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            budget.Release();
            throw;
        }

        try
        {
            var change = lease.Amount - price - fee;
            var expiry = Math.Min(challenge.ExpiresAt, now + Math.Max(5, offer.MaxTimeoutSeconds));
            var builder = new TransactionBuilder(chain.ChainId)
                .AddInput(lease.OutPoint)
                .AddOutput(challenge.PayTo, price)
                .WithFee(fee)
                .WithMemo(challengeHash)
                .WithExpiry((ulong)expiry);
            if (!change.IsZero)
            {
                builder.AddOutput(_address, change);
            }

            var transaction = builder.Sign(key);
            var header = X402HeaderCodec.EncodeFontanaPaymentSignature(
                required.Resource,
                offer,
                // The challenge travels once, in the offer accepted (its extra), not repeated in the payload (docs/x402.md).
                new FontanaExactPayload { Transaction = TransactionCodec.Encode(transaction) },
                EchoedExtensions.For(required.Extensions));
            OutPoint? changeOutPoint = null;
            if (!change.IsZero)
            {
                changeOutPoint = new OutPoint(transaction.TxId, 1);
                allocator.Cache.TryAdd(changeOutPoint.Value, change, UtxoStatus.Pending);
            }

            synchronizer.RememberOwn(transaction.TxId);
            var payment = new PendingPayment(lease, transaction, header, changeOutPoint, change, price, fee, challenge.PayTo, challenge.Resource, budget);

            // Durable before it leaves the process: a restart finds it and resolves it.
            resolver.Journal.Pending(payment);
            return payment;
        }
        catch
        {
            lease.Release();
            budget.Release();
            throw;
        }
    }

    private Outcome Complete(PendingPayment payment, HttpRequestMessage request, HttpResponseMessage response, out string reason, out string? detail)
    {
        reason = FontanaPaymentException.PaymentNotAccepted;
        detail = null;
        if (!response.Headers.TryGetValues(X402Headers.PaymentResponse, out var values))
        {
            if (response.StatusCode == HttpStatusCode.PaymentRequired)
            {
                // Refused before settlement: nothing was spent.
                resolver.Abandon(payment, "refused before settlement");
                metrics.Payment("rejected");
                return Outcome.Rejected;
            }

            resolver.ResolveLater(payment, "no PAYMENT-RESPONSE with HTTP " + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Outcome.Uncertain;
        }

        SettlementResponse settlement;
        try
        {
            settlement = X402HeaderCodec.DecodePaymentResponse(FirstValue(values));
        }
        catch (X402FormatException ex)
        {
            resolver.ResolveLater(payment, "unreadable PAYMENT-RESPONSE: " + ex.Code);
            return Outcome.Uncertain;
        }

        var txId = payment.Transaction.TxId;
        if (settlement.Success)
        {
            if (!string.Equals(settlement.Transaction, txId.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                resolver.ResolveLater(payment, "PAYMENT-RESPONSE names another transaction");
                return Outcome.Uncertain;
            }

            payment.Lease.Settle(payment.Change, payment.ChangeAmount);
            payment.Budget.Commit();
            metrics.Payment("settled");
            var receipt = BuildReceipt(payment, settlement);
            resolver.Journal.Settled(payment, receipt.Receipt);
            request.SetFontanaReceipt(receipt);
            return Outcome.Settled;
        }

        reason = string.IsNullOrEmpty(settlement.ErrorReason) ? FontanaPaymentException.PaymentNotAccepted : settlement.ErrorReason;
        detail = settlement.ErrorMessage;
        if (reason == X402ErrorReasons.InputSpent)
        {
            payment.Lease.Discard();
            payment.Budget.Release();
            resolver.RemoveChange(payment);
            resolver.Journal.Refused(payment, X402ErrorReasons.InputSpent);
            metrics.Payment(ErrorCodes.InputSpent);
            return Outcome.InputSpent;
        }

        if (reason is X402ErrorReasons.UnexpectedSettleError or X402ErrorReasons.InvalidTransactionState)
        {
            // The provider could not tell whether the ledger applied it: ask the node.
            resolver.ResolveLater(payment, reason);
            return Outcome.RejectedUnresolved;
        }

        resolver.Abandon(payment, reason);
        metrics.Payment("rejected");
        return Outcome.Rejected;
    }

    /// <summary>The unpaid first request of an ordinary paid call, then the payment of its 402.</summary>
    private async Task<HttpResponseMessage> SendUnprefetchedAsync(
        HttpRequestMessage request, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, Amount maxPrice,
        Activity? activity, CancellationToken cancellationToken)
    {
        request.Headers.Remove(X402Headers.PaymentSignature);
        request.Headers.Remove(FontanaHeaders.NextChallenge);
        var response = await send(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.PaymentRequired || !TryReadPaymentRequired(response, out var required))
        {
            return response;
        }

        response.Dispose();
        return await PayAsync(request, send, required, maxPrice, isPrefetched: false, activity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pools the challenge a paid response handed out for the next call of the same method and URL (ignored when
    /// absent or unreadable: the next call then starts with an unpaid request, as without it).</summary>
    private void KeepNextChallenge(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (!_prefetch || request.RequestUri is not { IsAbsoluteUri: true } url
            || !response.Headers.TryGetValues(FontanaHeaders.NextPaymentRequired, out var values))
        {
            return;
        }

        try
        {
            _challenges.Add(request.Method, url, X402HeaderCodec.DecodePaymentRequired(FirstValue(values)), time.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (X402FormatException ex)
        {
            SdkLog.NextChallengeUnreadable(logger, ex.Code);
        }
    }

    /// <summary>The receipt of a settled payment. The sequencer's signature on the provisional receipt is checked when
    /// <see cref="PaymentReceipt.ReceiptVerified"/> is first read, not here (docs/sdk.md).</summary>
    private PaymentReceipt BuildReceipt(PendingPayment payment, SettlementResponse settlement)
    {
        var receipt = SettlementReader.FindReceipt(settlement);
        var chain = payer.Chain;
        var check = receipt is null
            ? ReceiptCheck.Of(false)
            : ReceiptCheck.Deferred(receipt, payment.Transaction.TxId, chain.ChainId, chain.SequencerKey, options.VerifyReceipts ? logger : null);
        return new PaymentReceipt(
            payment.Transaction.TxId, chain.Network, _address, payment.PayTo, payment.Price, payment.Fee, payment.Resource, receipt, check, settlement);
    }

    /// <summary>Decodes the 402's <c>PAYMENT-REQUIRED</c>; false without one, <c>bad-payment-required</c> when it does not decode.</summary>
    internal static bool TryReadPaymentRequired(HttpResponseMessage response, out PaymentRequired required)
    {
        required = null!;
        if (!response.Headers.TryGetValues(X402Headers.PaymentRequired, out var values))
        {
            return false;
        }

        try
        {
            required = X402HeaderCodec.DecodePaymentRequired(FirstValue(values));
            return true;
        }
        catch (X402FormatException ex)
        {
            throw new FontanaPaymentException(FontanaPaymentException.BadPaymentRequired, $"{FontanaPaymentException.BadPaymentRequired}: {ex.Message}", ex);
        }
    }

    private static string? FirstValue(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            return value;
        }

        return null;
    }
}
