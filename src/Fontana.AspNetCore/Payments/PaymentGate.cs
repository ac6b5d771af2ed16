using System.Text.Json;
using Fontana.AspNetCore.Dashboard;
using Fontana.AspNetCore.Limits;
using Fontana.AspNetCore.PaidCalls;
using Fontana.AspNetCore.Settlement;
using Fontana.AspNetCore.Telemetry;
using Fontana.Core;
using Fontana.Core.Errors;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Payments;

/// <summary>
/// The provider's payment path, shared by the minimal-API endpoint filter and the MVC <see cref="ChargeAttribute"/>:
/// no payment → 402 with a signed challenge; malformed payment → 400; otherwise verify (stateless), claim the call in
/// the paid-call store (<see cref="PaidCallCoordinator"/>: a retry of the same payment for the same request gets the
/// stored response, for another request or with another transaction it is refused), settle, and only then let the
/// handler run once, with PAYMENT-RESPONSE set and its response recorded for replays.
/// </summary>
internal sealed partial class PaymentGate
{
    private const string PaymentHeaderRequired = "PAYMENT-SIGNATURE header is required";

    private readonly ProviderIdentity _identity;
    private readonly ChallengeIssuer _issuer;
    private readonly FontanaExactVerifier _verifier;
    private readonly IPaymentSettler _settler;
    private readonly PaidCallCoordinator _paidCalls;
    private readonly TimeProvider _time;
    private readonly ProviderActivity _activity;
    private readonly PaymentLimits _limits;
    private readonly ILogger<PaymentGate> _logger;

    public PaymentGate(
        ProviderIdentity identity,
        ChallengeIssuer issuer,
        FontanaExactVerifier verifier,
        IPaymentSettler settler,
        PaidCallCoordinator paidCalls,
        TimeProvider time,
        ProviderActivity activity,
        PaymentLimits limits,
        ILogger<PaymentGate> logger)
    {
        _identity = identity;
        _issuer = issuer;
        _verifier = verifier;
        _settler = settler;
        _paidCalls = paidCalls;
        _time = time;
        _activity = activity;
        _limits = limits;
        _logger = logger;
    }

    /// <summary>True when the request is paid (or free) and the handler may run; false when a response was written.</summary>
    public async ValueTask<bool> AuthorizeAsync(HttpContext context, IPriceMetadata price)
    {
        if (context.Features.Get<FontanaPayment>() is not null || context.Features.Get<FreeCallFeature>() is not null)
        {
            return true;
        }

        var amount = await price.GetPriceAsync(context).ConfigureAwait(false);
        if (amount.IsZero)
        {
            return true;
        }

        var request = context.Request;
        var resource = ChallengeIssuer.ResourceOf(request);
        var header = request.Headers[X402Headers.PaymentSignature];
        if (header.Count == 0 || string.IsNullOrEmpty(header[0]))
        {
            return await UnpaidAsync(context, resource, amount, price).ConfigureAwait(false);
        }

        PaymentPayload payload;
        try
        {
            payload = X402HeaderCodec.DecodePaymentSignature(header.Count == 1 ? header[0] : header.ToString());
        }
        catch (X402FormatException ex)
        {
            LogMalformed(ex.Code, ex.Message);
            _activity.Refused(request.Path, ex.Code);
            await PaymentResponses.WriteMalformedAsync(context, ex.Code, ex.Message).ConfigureAwait(false);
            return false;
        }

        if (string.Equals(payload.Accepted.Scheme, FontanaSession.Scheme, StringComparison.Ordinal))
        {
            var sessions = context.RequestServices.GetService<Sessions.SessionGate>();
            if (sessions is null)
            {
                return await RefuseAsync(context, resource, amount, price, Fontana.Core.Errors.ErrorCodes.SchemeNotOffered, "this provider does not take session payments", null).ConfigureAwait(false);
            }

            return await sessions.AuthorizeAsync(
                context, payload, amount, async (reason, detail, payer) => await RefuseAsync(context, resource, amount, price, reason, detail, payer).ConfigureAwait(false))
                .ConfigureAwait(false);
        }

        var expected = new FontanaExactExpectation(_identity.ChainId, amount, _identity.PayTo, resource, request.Method, _identity.ProviderKey)
        {
            Network = _identity.Network,
            PayToText = _identity.PayToText,
        };
        var verification = _verifier.Verify(expected, payload);
        if (!verification.IsValid)
        {
            if (verification.IsMalformed)
            {
                LogMalformed(verification.ErrorReason, verification.Detail);
                _activity.Refused(request.Path, verification.ErrorReason);
                await PaymentResponses.WriteMalformedAsync(context, verification.ErrorReason, verification.Detail).ConfigureAwait(false);
                return false;
            }

            return await RefuseAsync(
                context, resource, amount, price, verification.ErrorReason, verification.Detail, verification.Payer?.ToString()).ConfigureAwait(false);
        }

        if (_limits.TryCall(context, verification.Payer!.Value.ToString()) is { Granted: false } overLimit)
        {
            await _limits.WriteTooManyAsync(context, overLimit, "payer",
                $"payer {verification.Payer} is over this endpoint's rate limit; nothing was settled").ConfigureAwait(false);
            return false;
        }

        return await PayOnceAsync(context, payload, verification, resource, amount, price).ConfigureAwait(false);
    }

    /// <summary>A verified exact payment: claim the call, then replay, refuse, or settle and let the handler run once.</summary>
    private async ValueTask<bool> PayOnceAsync(
        HttpContext context, PaymentPayload payload, FontanaExactVerification verification, string resource, Amount amount, IPriceMetadata price)
    {
        var request = context.Request;
        var tx = verification.Transaction!;
        var challenge = verification.Challenge!;
        var payer = new Address(tx.Signer);
        if (!PaymentIdentifier.TryRead(payload, out var paymentId, out var idError))
        {
            _activity.Refused(request.Path, X402ErrorReasons.InvalidPaymentIdentifier);
            await PaymentResponses.WriteMalformedAsync(context, X402ErrorReasons.InvalidPaymentIdentifier, idError!).ConfigureAwait(false);
            return false;
        }

        var key = verification.ChallengeHash.ToString();
        var fingerprint = await RequestFingerprint.ComputeAsync(request, context.RequestAborted).ConfigureAwait(false);
        var candidate = _paidCalls.Candidate(key, paymentId is null ? null : $"{payer}:{paymentId}", tx.TxId.ToString(), fingerprint);
        var decision = await _paidCalls.BeginAsync(candidate, context.RequestAborted).ConfigureAwait(false);
        switch (decision.Kind)
        {
            case PaidCallDecision.Action.Replay:
                await PaidCallCoordinator.WriteReplayAsync(context, decision.Response!).ConfigureAwait(false);
                return false;
            case PaidCallDecision.Action.Refuse:
                return await RefuseAsync(context, resource, amount, price, decision.Reason!, decision.Detail!, payer.ToString()).ConfigureAwait(false);
            case PaidCallDecision.Action.Unavailable:
                return await StoreUnavailableAsync(context, decision.Detail!, payer).ConfigureAwait(false);
        }

        SettleOutcome outcome;
        string? nextChallenge;
        var settleStarted = _time.GetTimestamp();
        try
        {
            // The ledger takes the payment on its own threads (and waits for its commit): make the next call's challenge
            // meanwhile, so its signature is off this call's latency. Used only if the payment settles.
            var settling = SettleAsync(payload, verification, amount, context.RequestAborted);
            nextChallenge = NextChallengeHeader(context, resource, amount, price);
            outcome = await settling.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _paidCalls.ReleaseAsync(key).ConfigureAwait(false);
            throw;
        }

        if (!outcome.Success)
        {
            await _paidCalls.ReleaseAsync(key).ConfigureAwait(false);
            if (outcome.IsUnavailable)
            {
                LogUnavailable(tx.TxId, outcome.ErrorReason, outcome.Detail);
                _activity.Refused(request.Path, outcome.ErrorReason);
                await PaymentResponses.WritePaymentFailedAsync(
                    context, StatusCodes.Status503ServiceUnavailable, _identity.Network, outcome.ErrorReason,
                    outcome.Detail ?? outcome.ErrorReason, payer.ToString(), retry: null).ConfigureAwait(false);
                return false;
            }

            return await RefuseAsync(
                context, resource, amount, price, outcome.ErrorReason, outcome.Detail ?? outcome.ErrorReason, payer.ToString()).ConfigureAwait(false);
        }

        if (outcome.AlreadySettled && !decision.TakeOver)
        {
            // Settled before this provider recorded the call (the in-memory store forgot it on restart, or the record
            // was pruned): its handler may have run already, so it never runs again.
            const string Why = "the payment was settled before this provider's record of the call (restart with the in-memory store, or past the retention)";
            await _paidCalls.CloseUnreplayableAsync(key, Why).ConfigureAwait(false);
            return await RefuseAsync(context, resource, amount, price, X402ErrorReasons.PaidCallNotReplayable, Why, payer.ToString()).ConfigureAwait(false);
        }

        if (!await _paidCalls.MarkRunningAsync(key).ConfigureAwait(false))
        {
            return await StoreUnavailableAsync(context, "the provider's paid-call store is unavailable; the payment settled but the call did not run", payer)
                .ConfigureAwait(false);
        }

        _activity.Paid(request.Path, payer, amount, _time.GetElapsedTime(settleStarted));
        var response = new SettlementResponse
        {
            Success = true,
            Transaction = tx.TxId.ToString(),
            Network = _identity.Network,
            Payer = payer.ToString(),
            Extensions = FontanaExactReceipt.ToExtensions(outcome.Receipt),
        };
        Grant(context, X402HeaderCodec.EncodePaymentResponse(response), new FontanaPayment(tx.TxId, payer, amount, outcome.Receipt, challenge.Id, IsRetry: decision.TakeOver));
        if (nextChallenge is not null)
        {
            context.Response.Headers[FontanaHeaders.NextPaymentRequired] = nextChallenge;
        }

        _paidCalls.Record(context, key);
        return true;
    }

    private async ValueTask<bool> StoreUnavailableAsync(HttpContext context, string detail, Address payer)
    {
        LogStoreUnavailable(detail);
        _activity.Refused(context.Request.Path, ErrorCodes.PaidCallStoreUnavailable);
        await PaymentResponses.WritePaymentFailedAsync(
            context, StatusCodes.Status503ServiceUnavailable, _identity.Network, ErrorCodes.PaidCallStoreUnavailable, detail, payer.ToString(), retry: null)
            .ConfigureAwait(false);
        return false;
    }

    /// <summary>No payment header: a free call when the endpoint has a free tier left for this client, else 402 (or 429
    /// for a client flooding unpaid requests).</summary>
    private async ValueTask<bool> UnpaidAsync(HttpContext context, string resource, Amount amount, IPriceMetadata price)
    {
        var free = _limits.TryFree(context);
        if (free is { Granted: true })
        {
            if (_limits.TryCall(context, PaymentLimits.ClientOf(context)) is { Granted: false } overLimit)
            {
                await _limits.WriteTooManyAsync(context, overLimit, "client", "this client is over the endpoint's rate limit").ConfigureAwait(false);
                return false;
            }

            _activity.Free(context.Request.Path);
            context.Features.Set(FreeCallFeature.Instance);
            return true;
        }

        var required = _issuer.CreatePaymentRequired(context.Request, resource, amount, price.Description, PaymentHeaderRequired);
        if (free is { } exhausted)
        {
            required = required with { Extensions = FreeTierExtension.Create(exhausted, required.Extensions) };
        }

        await PaymentResponses.WritePaymentRequiredAsync(context, required).ConfigureAwait(false);
        return false;
    }

    /// <summary>One request per call (docs/x402.md): a client that asks for it gets, with its paid response, the challenge
    /// a 402 for the same method and URL would carry, so its next call can pay at once. The challenge is as single-use as
    /// any other (the paid-call store keys calls by its hash); the header is never stored for replays.</summary>
    /// <returns>The <c>FONTANA-NEXT-PAYMENT-REQUIRED</c> value, or null when the request did not ask for it.</returns>
    private string? NextChallengeHeader(HttpContext context, string resource, Amount amount, IPriceMetadata price)
    {
        var asked = context.Request.Headers[FontanaHeaders.NextChallenge];
        if (asked.Count != 1 || !string.Equals(asked[0], "1", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var next = _issuer.CreatePaymentRequired(context.Request, resource, amount, price.Description, error: null, advertise: false);
            return X402HeaderCodec.EncodePaymentRequired(next);
        }
        catch (X402FormatException)
        {
            // Cannot happen for a resource this provider already issued a challenge for; without one the client's next
            // call simply starts with a 402.
            return null;
        }
    }

    private static void Grant(HttpContext context, string paymentResponseHeader, FontanaPayment payment)
    {
        context.Response.Headers[X402Headers.PaymentResponse] = paymentResponseHeader;
        context.Features.Set(payment);
    }

    private async ValueTask<SettleOutcome> SettleAsync(
        PaymentPayload payload, FontanaExactVerification verification, Amount amount, CancellationToken cancellationToken)
    {
        // The provider's own requirements carry the challenge exactly as the client sent it (already verified): in the
        // payload when the client repeated it there, else in the offer it accepted.
        JsonElement? challenge = payload.Payload.TryGetProperty("challenge", out var element) ? element : payload.Accepted.Extra;
        var requirements = _issuer.CreateRequirements(amount, challenge);
        using var activity = ProviderActivities.StartSettle(verification.Transaction!, amount);
        try
        {
            var outcome = await _settler.SettleAsync(
                new PaymentToSettle(payload, requirements, verification.Transaction!, verification.TransactionBytes),
                cancellationToken).ConfigureAwait(false);
            ProviderActivities.Settled(activity, outcome);
            return outcome;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var outcome = SettleOutcome.Unavailable(X402ErrorReasons.UnexpectedSettleError, "settlement failed: " + ex.Message);
            ProviderActivities.Settled(activity, outcome);
            return outcome;
        }
    }

    private async ValueTask<bool> RefuseAsync(
        HttpContext context, string resource, Amount amount, IPriceMetadata price, string reason, string detail, string? payer)
    {
        LogRefused(reason, detail);
        _activity.Refused(context.Request.Path, reason);
        if (_limits.CountRefusal(context) is { Granted: false } flood)
        {
            await _limits.WriteTooManyAsync(context, flood, "refusals", "too many refused payments from this client").ConfigureAwait(false);
            return false;
        }

        var retry = _issuer.CreatePaymentRequired(context.Request, resource, amount, price.Description, $"payment refused: {reason}");
        await PaymentResponses.WritePaymentFailedAsync(
            context, StatusCodes.Status402PaymentRequired, _identity.Network, reason, detail, payer, retry).ConfigureAwait(false);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Malformed payment ({Code}): {Detail}")]
    private partial void LogMalformed(string code, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Payment refused ({Reason}): {Detail}")]
    private partial void LogRefused(string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Paid call refused with 503: {Detail}")]
    private partial void LogStoreUnavailable(string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {TxId} could not be settled ({Reason}): {Detail}")]
    private partial void LogUnavailable(Hash32 txId, string reason, string? detail);
}
