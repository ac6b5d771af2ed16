using Fontana.Core.Crypto;
using Fontana.Core.Sessions;
using Fontana.Core.Tests.Support;

namespace Fontana.Core.Tests.Sessions;

/// <summary>
/// Session MAC keys (docs/protocol.md §4a, "MAC vouchers"): the X25519 agreement both sides reach, the derived key and
/// a voucher MAC against the vectors of the docs (computed independently with Python's <c>cryptography</c> X25519 and
/// <c>hashlib.blake2b</c>), and what a MAC must not verify for.
/// </summary>
public class SessionMacKeyTests
{
    private const string Chain = "fontana-devnet";

    private static readonly PrivateKey SessionKey = PrivateKey.FromSeed(TestKeys.Seed(0x40));

    private static readonly PrivateKey Payee = PrivateKey.FromSeed(TestKeys.Seed(0x20));

    private static readonly Hash32 SessionId = Hash32.Parse("8deb1f5e33f1941d84fe514c0634a4764d7e9199e04618a81e0f9f7260435f63");

    [Fact]
    public void SharedSecret_SessionKeyAndPayee_AgreeOnTheDocumentedValue()
    {
        Span<byte> payerSide = stackalloc byte[32];
        Span<byte> payeeSide = stackalloc byte[32];

        KeyAgreement.TrySharedSecret(SessionKey, Payee.PublicKey, payerSide).ShouldBeTrue();
        KeyAgreement.TrySharedSecret(Payee, SessionKey.PublicKey, payeeSide).ShouldBeTrue();

        Convert.ToHexStringLower(payerSide).ShouldBe("8bcc75d3108c8ac68e8142af8a2599139c084a724665d162d504bbef075e9f00");
        payeeSide.SequenceEqual(payerSide).ShouldBeTrue();
    }

    [Fact]
    public void MacKey_PayerAndPayeeCopies_AreTheDocumentedKey()
    {
        using var payer = SessionMacKey.ForPayer(SessionKey, Payee.PublicKey, SessionId, Chain);
        using var payee = SessionMacKey.ForPayee(Payee, SessionKey.PublicKey, SessionId, Chain);

        Convert.ToHexStringLower(payer.KeyBytes).ShouldBe("8c3f0763db758a9116cca74c4c554a0ed8f6894773b56809dde8919b3976d115");
        payee.KeyBytes.SequenceEqual(payer.KeyBytes).ShouldBeTrue();
    }

    [Fact]
    public void VoucherMac_TheClaimVectorsVoucher_IsTheDocumentedMac()
    {
        using var payer = SessionMacKey.ForPayer(SessionKey, Payee.PublicKey, SessionId, Chain);
        using var payee = SessionMacKey.ForPayee(Payee, SessionKey.PublicKey, SessionId, Chain);
        var voucher = new Voucher(SessionId, Amount.FromUtia(250_000), 42);

        var mac = payer.Compute(voucher);

        Convert.ToHexStringLower(mac).ShouldBe("14536edec65d13dab26bb70d1c2b90923d0094b74c2eaabab493528882c518ce");
        payee.Verify(voucher, mac).ShouldBeTrue();
    }

    [Fact]
    public void VoucherMac_AlteredVoucherOrMac_DoesNotVerify()
    {
        using var key = SessionMacKey.ForPayer(SessionKey, Payee.PublicKey, SessionId, Chain);
        var voucher = new Voucher(SessionId, Amount.FromUtia(500), 3);
        var mac = key.Compute(voucher);

        key.Verify(voucher with { Cumulative = Amount.FromUtia(501) }, mac).ShouldBeFalse();
        key.Verify(voucher with { Counter = 4 }, mac).ShouldBeFalse();
        key.Verify(voucher with { SessionId = Hash32.Compute("other"u8) }, mac).ShouldBeFalse();
        var flipped = (byte[])mac.Clone();
        flipped[31] ^= 1;
        key.Verify(voucher, flipped).ShouldBeFalse();
        key.Verify(voucher, mac.AsSpan(0, 16)).ShouldBeFalse();
        key.Verify(voucher, new byte[32]).ShouldBeFalse();
    }

    [Fact]
    public void MacKey_OtherSessionChainOrPayee_IsAnotherKey()
    {
        using var key = SessionMacKey.ForPayer(SessionKey, Payee.PublicKey, SessionId, Chain);
        var otherId = Hash32.Compute("other"u8);
        using var otherSession = SessionMacKey.ForPayer(SessionKey, Payee.PublicKey, otherId, Chain);
        using var otherChain = SessionMacKey.ForPayer(SessionKey, Payee.PublicKey, SessionId, "other-chain");
        using var otherPayee = SessionMacKey.ForPayee(TestKeys.Alice, SessionKey.PublicKey, SessionId, Chain);
        var voucher = new Voucher(SessionId, Amount.FromUtia(500), 3);
        var mac = key.Compute(voucher);

        otherChain.Verify(voucher, mac).ShouldBeFalse();
        otherPayee.Verify(voucher, mac).ShouldBeFalse();
        otherSession.KeyBytes.SequenceEqual(key.KeyBytes).ShouldBeFalse();
        // A key only verifies vouchers of its own session, whatever the MAC.
        otherSession.Verify(voucher, otherSession.Compute(voucher)).ShouldBeFalse();
    }

    [Fact]
    public void MacKey_PeerKeyOfSmallOrder_IsRefused()
    {
        // The Ed25519 encoding of the identity point (y = 1) maps to u = 0: a small-order point, no agreement.
        var identity = new byte[32];
        identity[0] = 1;

        Should.Throw<ArgumentException>(() => SessionMacKey.ForPayer(SessionKey, PublicKey.FromBytes(identity), SessionId, Chain));
    }
}
