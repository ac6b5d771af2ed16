
namespace Fontana.Core.Sessions;

/// <summary>
/// A voucher as a payer presents it with a call (the <c>fontana-session</c> payload): authenticated by an Ed25519
/// signature of the session key, by a MAC under the session's <see cref="SessionMacKey"/>, or both. Only a signed
/// voucher can be claimed on the ledger; a MAC-only one pays calls within the provider's credit above the latest
/// signed voucher (docs/x402.md).
/// </summary>
public sealed class PresentedVoucher
{
    private readonly byte[]? _mac;

    private PresentedVoucher(Voucher voucher, SignedVoucher? signed, byte[]? mac)
    {
        Voucher = voucher;
        Signed = signed;
        _mac = mac;
    }

    /// <summary>The voucher.</summary>
    public Voucher Voucher { get; }

    /// <summary>The voucher with its signature, or null for a MAC-only voucher.</summary>
    public SignedVoucher? Signed { get; }

    /// <summary>True when a MAC came with the voucher.</summary>
    public bool HasMac => _mac is not null;

    /// <summary>The MAC (empty when none came).</summary>
    public ReadOnlySpan<byte> Mac => _mac;

    /// <summary>A signed voucher (and its MAC when <paramref name="mac"/> is given).</summary>
    public static PresentedVoucher FromSigned(SignedVoucher signed, SessionMacKey? mac = null)
    {
        ArgumentNullException.ThrowIfNull(signed);
        return new PresentedVoucher(signed.Voucher, signed, mac?.Compute(signed.Voucher));
    }

    /// <summary>A voucher authenticated by its MAC only.</summary>
    public static PresentedVoucher FromMac(Voucher voucher, SessionMacKey mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        return new PresentedVoucher(voucher, null, mac.Compute(voucher));
    }

    /// <summary>Pairs a voucher with the authenticators read from a payload (at least one; lengths as checked by the reader).</summary>
    public static PresentedVoucher Create(Voucher voucher, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> mac)
    {
        if (signature.IsEmpty && mac.IsEmpty)
        {
            throw new ArgumentException("a presented voucher carries a signature, a MAC or both");
        }

        if (!mac.IsEmpty && mac.Length != SessionMacKey.Length)
        {
            throw new ArgumentException($"a voucher MAC is {SessionMacKey.Length} bytes, not {mac.Length}", nameof(mac));
        }

        return new PresentedVoucher(voucher, signature.IsEmpty ? null : new SignedVoucher(voucher, signature), mac.IsEmpty ? null : mac.ToArray());
    }
}
