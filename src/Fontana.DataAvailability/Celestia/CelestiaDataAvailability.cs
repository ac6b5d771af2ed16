using Fontana.Core;
using Fontana.DataAvailability.Envelope;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fontana.DataAvailability.Celestia;

/// <summary>
/// Celestia through a celestia-node's JSON-RPC (docs/data-availability.md, "Celestia layer"). Each block is cut into
/// Fontana DA envelopes of at most <see cref="CelestiaOptions.EffectiveMaxBlobBytes"/>, posted as share-version-0 blobs
/// in the configured version-0 namespace, as many per <c>blob.Submit</c> as
/// <see cref="CelestiaOptions.EffectiveMaxSubmitBytes"/> allows. Share commitments are computed locally
/// (<see cref="ShareCommitment"/>) and, by default, checked against <c>blob.GetAll</c> at the returned height.
/// <para>Paying once: the height a submit returns is recorded at once, and a group with a height is never submitted
/// again — a failed read-back is retried alone, after <c>header.WaitForHeight</c>. A submit whose answer was lost
/// (timeout, reset, 5xx) may still have landed: before submitting that group again, the heights since the first attempt
/// are searched for its commitments.</para>
/// </summary>
public sealed class CelestiaDataAvailability : IDataAvailability
{
    private readonly CelestiaOptions _options;
    private readonly CelestiaRpcClient _rpc;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly byte[] _namespace;
    private readonly string _namespaceHex;
    private readonly SemaphoreSlim _postLock = new(1, 1);
    private readonly PostOrder _order = new();
    private PartialPost? _partial;

    /// <summary>Uses <paramref name="httpClient"/> as is (its own timeout should exceed <see cref="CelestiaOptions.RequestTimeout"/>).</summary>
    public CelestiaDataAvailability(HttpClient httpClient, CelestiaOptions options, TimeProvider? timeProvider = null,
        ILogger<CelestiaDataAvailability>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _rpc = new CelestiaRpcClient(httpClient, options, _time);
        _logger = logger ?? NullLogger<CelestiaDataAvailability>.Instance;
        _namespace = CelestiaNamespace.FromIdHex(options.NamespaceId);
        _namespaceHex = CelestiaNamespace.IdHex(_namespace);
    }

    /// <inheritdoc/>
    public string Layer => DaReference.CelestiaLayer;

    /// <inheritdoc/>
    public async Task<DaReference> PostAsync(ulong blockHeight, ReadOnlyMemory<byte> blockBytes, CancellationToken cancellationToken = default)
    {
        if (blockBytes.IsEmpty)
        {
            throw new ArgumentException("a block is never empty", nameof(blockBytes));
        }

        await _postLock.WaitAsync(cancellationToken);
        try
        {
            var hash = Hash32.Compute(blockBytes.Span);
            if (_order.Check(blockHeight, hash, "Celestia") is { } existing)
            {
                return existing;
            }

            // A retry of a block whose first submits went through resumes where it stopped.
            var post = _partial is { } p && p.Height == blockHeight && p.Hash == hash ? p : NewPost(blockHeight, blockBytes.Span, hash);
            _partial = post;
            while (post.NextGroup < post.Groups.Count)
            {
                var group = post.Groups[post.NextGroup];
                var blobs = group.Indexes.Select(i => post.Blobs[i]).ToList();
                group.IncludedAt ??= await SubmitOnceAsync(blockHeight, group, blobs, cancellationToken);
                var height = group.IncludedAt.Value;
                var commitments = _options.VerifyAfterSubmit
                    ? await ReadBackAsync(height, blobs, cancellationToken)
                    : blobs.Select(b => b.CommitmentBase64).ToList();
                for (var k = 0; k < group.Indexes.Count; k++)
                {
                    post.Locations[group.Indexes[k]] = (height, commitments[k]);
                }

                post.NextGroup++;
                _logger.LogDebug("Celestia: block {Block} chunks {First}..{Last} of {Count} included at height {Height}",
                    blockHeight, group.Indexes[0], group.Indexes[^1], post.Blobs.Count, height);
            }

            var reference = CelestiaBlockScanner.Reference(_namespaceHex, post.Locations);
            _order.Record(blockHeight, hash, reference);
            _partial = null;
            return reference;
        }
        finally
        {
            _postLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<byte[]?> GetAsync(DaReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Layer != Layer || reference.Commitments.Count == 0)
        {
            throw new ArgumentException($"\"{reference}\" is not a Celestia reference with commitments", nameof(reference));
        }

        var ns = reference.Namespace is null ? _namespace
            : CelestiaNamespace.TryFromIdHex(reference.Namespace, out var error) ?? throw new ArgumentException($"reference namespace {error}", nameof(reference));
        var chunks = new List<DaEnvelopeChunk>();
        var missing = 0;
        for (var i = 0; i < reference.Commitments.Count; i++)
        {
            var (height, commitment) = reference.GetChunk(i);
            var commitmentBytes = new byte[commitment.Length];
            if (!Convert.TryFromBase64String(commitment, commitmentBytes, out var written))
            {
                throw new ArgumentException($"commitment {i} of {reference} is not base64", nameof(reference));
            }

            var blob = await _rpc.GetAsync(height, ns, commitmentBytes[..written], cancellationToken);
            if (blob is null)
            {
                missing++;
                continue;
            }

            if (!DaEnvelope.TryDecode(blob.Data, out var chunk) || chunk.Index != i || chunk.Count != reference.Commitments.Count)
            {
                throw new DataAvailabilityException(DaErrorCodes.Corrupt, $"blob {i} of {reference} is not chunk {i} of a Fontana DA envelope");
            }

            chunks.Add(chunk);
        }

        if (missing == reference.Commitments.Count)
        {
            return null;
        }

        if (missing > 0)
        {
            throw new DataAvailabilityException(DaErrorCodes.NotFound, $"{missing} of {reference.Commitments.Count} blobs of {reference} are not found");
        }

        try
        {
            return DaEnvelope.Reassemble(chunks);
        }
        catch (DaEnvelopeFormatException e)
        {
            throw new DataAvailabilityException(DaErrorCodes.Corrupt, $"{reference}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<DaBlock> ReadFromAsync(ulong fromDaHeight, ulong? toDaHeight = null, CancellationToken cancellationToken = default) =>
        CelestiaBlockScanner.ScanAsync(_rpc, _namespace, _options, _time, fromDaHeight, toDaHeight, _logger, cancellationToken);

    /// <summary>The node's local head (<c>header.LocalHead</c>): the highest height it can serve now. Scans stop there
    /// rather than at the network head, which a syncing node cannot serve yet.</summary>
    public Task<ulong> GetHeadAsync(CancellationToken cancellationToken = default) => _rpc.LocalHeadAsync(cancellationToken);

    /// <summary><c>header.GetByHeight</c>: throws unless the node has the header at <paramref name="height"/>.</summary>
    public Task<ulong> GetHeaderHeightAsync(ulong height, CancellationToken cancellationToken = default) =>
        _rpc.GetHeaderHeightAsync(height, cancellationToken);

    private PartialPost NewPost(ulong blockHeight, ReadOnlySpan<byte> block, Hash32 hash)
    {
        var envelopes = DaEnvelope.Split(blockHeight, block, _options.EffectiveMaxBlobBytes);
        var blobs = envelopes.Select(e => new CelestiaBlob(_namespace, e, 0, ShareCommitment.Compute(_namespace, e))).ToList();
        var groups = new List<SubmitGroup>();
        long size = 0;
        for (var i = 0; i < blobs.Count; i++)
        {
            if (groups.Count == 0 || size + blobs[i].Data.Length > _options.EffectiveMaxSubmitBytes)
            {
                groups.Add(new SubmitGroup());
                size = 0;
            }

            groups[^1].Indexes.Add(i);
            size += blobs[i].Data.Length;
        }

        return new PartialPost(blockHeight, hash, blobs, groups, new (ulong, string)[blobs.Count]);
    }

    /// <summary>Submits a group once; returns the inclusion height. A lost answer leaves the group marked "maybe
    /// landed" so the next attempt searches before it pays again.</summary>
    private async Task<ulong> SubmitOnceAsync(ulong blockHeight, SubmitGroup group, List<CelestiaBlob> blobs, CancellationToken cancellationToken)
    {
        if (group.MaybeLandedFrom is { } from && await FindLandedAsync(from, blobs, cancellationToken) is { } landed)
        {
            _logger.LogWarning("Celestia: block {Block}'s earlier submit whose answer was lost landed at height {Height}; not submitting again",
                blockHeight, landed);
            return landed;
        }

        var before = await _rpc.LocalHeadAsync(cancellationToken);
        group.MaybeLandedFrom ??= before + 1;
        ulong height;
        try
        {
            height = await _rpc.SubmitAsync(blobs, cancellationToken);
        }
        catch (DataAvailabilityException e) when (e.Code is DaErrorCodes.TooLarge or DaErrorCodes.FeeTooLow or DaErrorCodes.Auth)
        {
            throw; // refused before broadcast: nothing landed (MaybeLandedFrom stays for any earlier lost answer)
        }

        _logger.LogInformation("Celestia: block {Block}: {Count} blobs included at height {Height}", blockHeight, blobs.Count, height);
        return height;
    }

    /// <summary>Looks for all of <paramref name="blobs"/> (by commitment) at one height from <paramref name="from"/> to the
    /// network head. While the node has not synced that far it cannot tell: <c>da-syncing</c> (transient), never a
    /// second submit.</summary>
    private async Task<ulong?> FindLandedAsync(ulong from, List<CelestiaBlob> blobs, CancellationToken cancellationToken)
    {
        var head = await _rpc.LocalHeadAsync(cancellationToken);
        var network = await _rpc.NetworkHeadAsync(cancellationToken);
        if (head < network)
        {
            throw new DataAvailabilityException(DaErrorCodes.Syncing,
                $"an earlier blob.Submit whose answer was lost may have landed at a height from {from} to {network}; the node has synced only to {head}");
        }

        for (var height = from; height <= head; height++)
        {
            var included = await _rpc.GetAllAsync(height, _namespace, cancellationToken);
            if (blobs.All(b => included.Any(i => i.Commitment.AsSpan().SequenceEqual(b.Commitment))))
            {
                return height;
            }
        }

        return null;
    }

    /// <summary>Reads the height back (after <c>header.WaitForHeight</c>, since the node's head may lag the height the
    /// submit returned): each submitted blob must be there; the node's commitment wins if ours differs.</summary>
    private async Task<List<string>> ReadBackAsync(ulong height, List<CelestiaBlob> submitted, CancellationToken cancellationToken)
    {
        await _rpc.WaitForHeightAsync(height, cancellationToken);
        var included = await _rpc.GetAllAsync(height, _namespace, cancellationToken);
        var commitments = new List<string>(submitted.Count);
        foreach (var blob in submitted)
        {
            var match = included.FirstOrDefault(b => b.Commitment.AsSpan().SequenceEqual(blob.Commitment))
                ?? included.FirstOrDefault(b => b.Data.AsSpan().SequenceEqual(blob.Data))
                ?? throw new DataAvailabilityException(DaErrorCodes.BadResponse,
                    $"blob.Submit reported height {height}, but blob.GetAll({height}) does not hold the submitted blob");
            if (!match.Commitment.AsSpan().SequenceEqual(blob.Commitment))
            {
                _logger.LogWarning("Celestia height {Height}: the node's share commitment {Theirs} differs from ours {Ours}; using the node's",
                    height, match.CommitmentBase64, blob.CommitmentBase64);
            }

            commitments.Add(match.CommitmentBase64);
        }

        return commitments;
    }

    private sealed record PartialPost(ulong Height, Hash32 Hash, List<CelestiaBlob> Blobs, List<SubmitGroup> Groups, (ulong, string)[] Locations)
    {
        public int NextGroup { get; set; }
    }

    /// <summary>The blobs of one <c>blob.Submit</c>: the height once the node reported it, or the first height a submit
    /// whose answer was lost could have landed at.</summary>
    private sealed class SubmitGroup
    {
        public List<int> Indexes { get; } = [];

        public ulong? IncludedAt { get; set; }

        public ulong? MaybeLandedFrom { get; set; }
    }
}
