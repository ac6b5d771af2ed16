using System.Text.RegularExpressions;
using Fontana.Core;
using Fontana.Core.Crypto;

namespace Fontana.Ledger.Genesis;

/// <summary>
/// The parsed <c>genesis.json</c>: chain parameters and initial allocations. The genesis hash is SHA-256 of
/// <see cref="ToCanonicalBytes"/>, never of the JSON text (see docs/genesis.md).
/// </summary>
public sealed partial class GenesisDocument
{
    /// <summary>At most this many allocations: an allocation's index is the 16-bit output index of its outpoint.</summary>
    public const int MaxAllocations = ushort.MaxValue + 1;

    /// <summary>Longest chain id in bytes.</summary>
    public const int MaxChainIdLength = 32;

    private readonly byte[] _canonical;

    /// <summary>A genesis document; its canonical encoding and <see cref="Hash"/> are computed here.</summary>
    /// <exception cref="LedgerException">Code <c>invalid-genesis</c>: a field is invalid (the message names it): the chain id, a timestamp that is not
    /// UTC milliseconds, a block interval outside 1 ms–1 h, too many allocations, a zero or overflowing amount.</exception>
    public GenesisDocument(
        string chainId,
        DateTimeOffset timestamp,
        PublicKey sequencerPublicKey,
        PublicKey bridgeAuthorityPublicKey,
        Address feeAddress,
        Amount minFee,
        TimeSpan blockInterval,
        IReadOnlyList<GenesisAllocation> allocations)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        ArgumentNullException.ThrowIfNull(allocations);
        ValidateChainId(chainId);
        if (timestamp.Ticks % TimeSpan.TicksPerMillisecond != 0 || timestamp.ToUnixTimeMilliseconds() < 0)
        {
            throw Invalid("timestamp", "must be a UTC time at or after 1970-01-01 with at most millisecond precision");
        }

        if (blockInterval < TimeSpan.FromMilliseconds(1) || blockInterval > TimeSpan.FromHours(1)
            || blockInterval.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw Invalid("blockInterval", "must be a whole number of milliseconds from 1 ms to 1 h");
        }

        if (allocations.Count > MaxAllocations)
        {
            throw Invalid("allocations", $"holds {allocations.Count} entries; at most {MaxAllocations} are allowed");
        }

        var total = Amount.Zero;
        for (var i = 0; i < allocations.Count; i++)
        {
            var allocation = allocations[i] ?? throw Invalid($"allocations[{i}]", "is null");
            if (allocation.Amount.IsZero)
            {
                throw Invalid($"allocations[{i}].amount", "must be greater than zero");
            }

            if (!Amount.TryAdd(total, allocation.Amount, out total))
            {
                throw Invalid("allocations", "sum to more than the largest amount");
            }
        }

        ChainId = chainId;
        Timestamp = timestamp.ToUniversalTime();
        SequencerPublicKey = sequencerPublicKey;
        BridgeAuthorityPublicKey = bridgeAuthorityPublicKey;
        FeeAddress = feeAddress;
        MinFee = minFee;
        BlockInterval = blockInterval;
        Allocations = [.. allocations];
        TotalAllocated = total;
        _canonical = GenesisCodec.Encode(this);
        Hash = Hash32.Compute(_canonical);
    }

    /// <summary>The chain id (1–32 printable ASCII characters) every transaction and header carries.</summary>
    public string ChainId { get; }

    /// <summary>Block 0's timestamp (UTC, millisecond precision).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The key that signs receipts and block headers.</summary>
    public PublicKey SequencerPublicKey { get; }

    /// <summary>The key that signs deposits and withdrawal confirmations.</summary>
    public PublicKey BridgeAuthorityPublicKey { get; }

    /// <summary>Where fees go: a fee becomes an output to this address.</summary>
    public Address FeeAddress { get; }

    /// <summary>The smallest fee a fee-paying transaction may carry (<c>fee-too-low</c> below it), in utia.</summary>
    public Amount MinFee { get; }

    /// <summary>The time between blocks the sequencer aims for (a node may override it).</summary>
    public TimeSpan BlockInterval { get; }

    /// <summary>The outputs block 0 creates: the chain's initial funds.</summary>
    public IReadOnlyList<GenesisAllocation> Allocations { get; }

    /// <summary>Sum of all allocations.</summary>
    public Amount TotalAllocated { get; }

    /// <summary>SHA-256 of the canonical encoding.</summary>
    public Hash32 Hash { get; }

    /// <summary>The outpoint of allocation <paramref name="index"/>: <c>(genesis hash, index)</c>.</summary>
    public OutPoint AllocationOutPoint(int index) => new(Hash, checked((ushort)index));

    /// <summary>The canonical binary encoding (what the genesis hash covers; what block 0's DA payload carries).</summary>
    public byte[] ToCanonicalBytes() => (byte[])_canonical.Clone();

    /// <summary>Decodes canonical bytes; throws <see cref="LedgerException"/> (<c>invalid-genesis</c>).</summary>
    public static GenesisDocument FromCanonicalBytes(ReadOnlySpan<byte> bytes) => GenesisCodec.Decode(bytes);

    /// <summary>Parses genesis JSON; throws <see cref="LedgerException"/> (<c>invalid-genesis</c>) naming the field.</summary>
    public static GenesisDocument Parse(string json) => GenesisJson.Parse(json);

    /// <summary>Reads and parses a genesis.json file.</summary>
    public static async Task<GenesisDocument> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new LedgerException(LedgerErrorCodes.InvalidGenesis, $"cannot read genesis file {path}: {e.Message}", e);
        }

        return Parse(text);
    }

    /// <summary>The JSON form (indented, camelCase, amounts as utia strings).</summary>
    public string ToJson() => GenesisJson.Write(this);

    internal static LedgerException Invalid(string field, string reason) =>
        new(LedgerErrorCodes.InvalidGenesis, $"genesis {field} {reason}");

    private static void ValidateChainId(string chainId)
    {
        if (chainId.Length is 0 or > MaxChainIdLength || !ChainIdPattern().IsMatch(chainId))
        {
            throw Invalid("chainId", $"\"{chainId}\" must be 1 to {MaxChainIdLength} characters from [a-z0-9-]");
        }
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex ChainIdPattern();
}
