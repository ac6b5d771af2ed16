using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Tests.Support;

/// <summary>
/// Builds a PAYMENT-SIGNATURE for a 402 the way a consumer does (TransactionBuilder, memo = challenge hash, one
/// output to payTo, change back, the chain's minimum fee), with knobs to make each kind of bad payment.
/// </summary>
internal sealed class TestPayment
{
    private readonly PaymentRequired _required;
    private readonly PrivateKey _payer;
    private readonly OutPoint _input;
    private readonly Amount _inputAmount;

    public TestPayment(PaymentRequired required, PrivateKey payer, OutPoint input, Amount inputAmount)
    {
        _required = required;
        _payer = payer;
        _input = input;
        _inputAmount = inputAmount;
        Challenge = FontanaChallenge.FromExtra(required.Accepts[0].Extra);
        Accepted = required.Accepts[0];
    }

    /// <summary>The offer echoed in <c>accepted</c>.</summary>
    public PaymentRequirements Accepted { get; set; }

    /// <summary>The challenge echoed in the payload (and hashed into the memo unless <see cref="Memo"/> is set).</summary>
    public FontanaChallenge Challenge { get; set; }

    /// <summary>Amount paid to payTo (default: the challenge's amount).</summary>
    public Amount? PayAmount { get; set; }

    /// <summary>Who is paid (default: the challenge's payTo).</summary>
    public Address? PayTo { get; set; }

    public string ChainId { get; set; } = TestChain.ChainId;

    public Amount Fee { get; set; } = TestChain.MinFee;

    public Hash32? Memo { get; set; }

    /// <summary>The payload's <c>extensions</c> (e.g. <c>payment-identifier</c>).</summary>
    public System.Text.Json.JsonElement? Extensions { get; set; }

    /// <summary>False: the challenge travels only in <c>accepted.extra</c> (<see cref="Challenge"/> written there), as the
    /// .NET SDK sends it; true (default): also repeated in the payload, as the TypeScript scheme sends it.</summary>
    public bool ChallengeInPayload { get; set; } = true;

    /// <summary>Flips a bit of the signature after signing.</summary>
    public bool CorruptSignature { get; set; }

    /// <summary>The transaction of the last <see cref="Build"/>.</summary>
    public Transaction? Transaction { get; private set; }

    /// <summary>Its change output (index 1).</summary>
    public OutPoint ChangeOutPoint => new(Transaction!.TxId, 1);

    public Amount ChangeAmount => _inputAmount - (PayAmount ?? Challenge.Amount) - Fee;

    /// <summary>The PAYMENT-SIGNATURE header value.</summary>
    public string Build()
    {
        var amount = PayAmount ?? Challenge.Amount;
        var tx = new TransactionBuilder(ChainId)
            .AddInput(_input)
            .AddOutput(PayTo ?? Challenge.PayTo, amount)
            .AddOutput(new Address(_payer.PublicKey), _inputAmount - amount - Fee)
            .WithFee(Fee)
            .WithMemo(Memo ?? Challenge.ComputeChallengeHash())
            .Sign(_payer);
        Transaction = tx;
        var bytes = TransactionCodec.Encode(tx);
        if (CorruptSignature)
        {
            bytes[^1] ^= 0x01;
        }

        return Encode(bytes);
    }

    /// <summary>A PAYMENT-SIGNATURE carrying arbitrary transaction bytes.</summary>
    public string Encode(byte[] transaction) => X402HeaderCodec.EncodePaymentSignature(new PaymentPayload
    {
        Resource = _required.Resource,
        Accepted = ChallengeInPayload ? Accepted : Accepted with { Extra = Challenge.ToExtra() },
        Payload = new FontanaExactPayload { Transaction = transaction, Challenge = ChallengeInPayload ? Challenge : null }.ToPayload(),
        Extensions = Extensions,
    });

    /// <summary>A <c>payment-identifier</c> extension carrying <paramref name="id"/>.</summary>
    public static System.Text.Json.JsonElement PaymentIdentifier(string id) =>
        System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["payment-identifier"] = new Dictionary<string, object> { ["info"] = new Dictionary<string, object> { ["required"] = false, ["id"] = id } },
        });
}
