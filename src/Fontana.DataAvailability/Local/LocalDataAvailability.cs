using System.Runtime.CompilerServices;
using Fontana.Core;
using Fontana.DataAvailability.Envelope;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fontana.DataAvailability.Local;

/// <summary>
/// The embedded DA layer: one append-only, fsynced record file under a directory (by default the node's data dir),
/// each record one block in a single-chunk Fontana DA envelope. DA height = record sequence number (1, 2, …).
/// References: <c>local:&lt;sequence&gt;::&lt;base64 SHA-256 of the block&gt;</c>. One writer process at a time.
/// </summary>
public sealed class LocalDataAvailability : IDataAvailability, IDisposable
{
    /// <summary>The record file's name inside the directory.</summary>
    public const string FileName = "da-blocks.fdar";

    /// <summary>Held open exclusively while the layer is open: one writer process per directory.</summary>
    public const string LockFileName = "da.lock";

    private readonly LocalRecordFile _file;
    private readonly FileStream? _lock;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly PostOrder _order = new();

    /// <summary>
    /// Opens (or creates) the layer in <paramref name="directory"/> for writing. A torn last record left by a crash is
    /// cut off (logged as a warning, counted in <see cref="TruncatedBytes"/>); corruption anywhere else is never cut:
    /// the layer opens with <see cref="Corruption"/> set (logged as critical), reads the records before it, and every
    /// <see cref="PostAsync"/> fails with <c>da-corrupt</c> naming the offset.
    /// </summary>
    public LocalDataAvailability(string directory, ILogger<LocalDataAvailability>? logger = null)
        : this(directory, readOnly: false, logger)
    {
    }

    private LocalDataAvailability(string directory, bool readOnly, ILogger<LocalDataAvailability>? logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var log = logger ?? NullLogger<LocalDataAvailability>.Instance;
        Directory = System.IO.Path.GetFullPath(directory);
        var path = System.IO.Path.Combine(Directory, FileName);
        if (!readOnly)
        {
            try
            {
                System.IO.Directory.CreateDirectory(Directory);
                _lock = new FileStream(System.IO.Path.Combine(Directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                throw new DataAvailabilityException(DaErrorCodes.Locked, $"the local DA layer in {Directory} is in use by another process (a node or devnet on the same data dir?): {e.Message}", e);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or DirectoryNotFoundException)
            {
                throw new DataAvailabilityException(DaErrorCodes.Unavailable, $"cannot open the local DA layer in {Directory}: {e.Message}", e);
            }
        }

        try
        {
            _file = readOnly ? LocalRecordFile.OpenReadOnly(path) : LocalRecordFile.Open(path);
            if (_file.Count > 0)
            {
                var sequence = (ulong)_file.Count;
                var chunk = DecodeRecord(sequence, _file.Read(sequence)!);
                _order.Record(chunk.BlockHeight, chunk.BlockHash, Reference(sequence, chunk.BlockHash));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _file?.Dispose();
            _lock?.Dispose();
            throw new DataAvailabilityException(DaErrorCodes.Unavailable, $"cannot open the local DA layer in {Directory}: {e.Message}", e);
        }
        catch
        {
            _file?.Dispose();
            _lock?.Dispose();
            throw;
        }

        if (_file.TruncatedBytes > 0)
        {
            log.LogWarning("Local DA {Path}: cut off a torn last record of {Bytes} bytes left by an interrupted write; {Count} records kept",
                _file.Path, _file.TruncatedBytes, _file.Count);
        }

        if (_file.Corruption is { } corruption)
        {
            log.LogCritical("Local DA {Path} is damaged: {Reason}. Nothing was cut; records 1..{Count} stay readable and nothing is appended until an operator repairs the file (docs/operations.md).",
                _file.Path, corruption.Reason, _file.Count);
        }
    }

    /// <summary>
    /// Opens an existing layer for reading only (<c>fontana recover</c>, followers): takes no lock, so a live node may
    /// keep appending; never writes or cuts a byte. A torn last record is left alone and not read; reading up to a
    /// corrupt record fails with <c>da-corrupt</c> instead of returning a shorter chain.
    /// </summary>
    public static LocalDataAvailability OpenReadOnly(string directory, ILogger<LocalDataAvailability>? logger = null) =>
        new(directory, readOnly: true, logger);

    /// <summary>Bytes of a torn last record cut off when the layer was opened (0 when the file was clean or read-only).</summary>
    public long TruncatedBytes => _file.TruncatedBytes;

    /// <summary>The offset and reason of damage found at open, or null when the file is sound.</summary>
    public string? Corruption => _file.Corruption is { } c ? $"offset {c.Offset}: {c.Reason}" : null;

    /// <inheritdoc/>
    public string Layer => DaReference.LocalLayer;

    /// <summary>The full path of the directory holding the record file.</summary>
    public string Directory { get; }

    /// <inheritdoc/>
    public async Task<DaReference> PostAsync(ulong blockHeight, ReadOnlyMemory<byte> blockBytes, CancellationToken cancellationToken = default)
    {
        if (blockBytes.IsEmpty)
        {
            throw new ArgumentException("a block is never empty", nameof(blockBytes));
        }

        if (_file.IsReadOnly)
        {
            throw new InvalidOperationException($"the local DA layer in {Directory} is open read-only");
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var hash = Hash32.Compute(blockBytes.Span);
            if (_file.Corruption is { } corruption)
            {
                throw new DataAvailabilityException(DaErrorCodes.Corrupt,
                    $"local DA {_file.Path} is damaged at offset {corruption.Offset}; block {blockHeight} is not appended after a corrupt record");
            }

            if (_order.Check(blockHeight, hash, "local") is { } existing)
            {
                return existing;
            }

            var envelope = DaEnvelope.Split(blockHeight, blockBytes.Span, (int)Math.Min(int.MaxValue, (long)blockBytes.Length + DaEnvelope.HeaderLength))[0];
            ulong sequence;
            try
            {
                sequence = _file.Append(envelope);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // EIO, ENOSPC, EPERM/EACCES: all transient for the poster, which retries with backoff and raises the alert.
                throw new DataAvailabilityException(DaErrorCodes.Unavailable, $"cannot append block {blockHeight} to {_file.Path}: {e.Message}", e);
            }

            var reference = Reference(sequence, hash);
            _order.Record(blockHeight, hash, reference);
            return reference;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public Task<byte[]?> GetAsync(DaReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Layer != Layer)
        {
            throw new ArgumentException($"a \"{reference.Layer}\" reference cannot be read from the local layer", nameof(reference));
        }

        try
        {
            return Task.FromResult(Get(reference));
        }
        catch (DataAvailabilityException e)
        {
            return Task.FromException<byte[]?>(e);
        }
    }

    private byte[]? Get(DaReference reference)
    {
        var payload = ReadRecord(reference.Height);
        if (payload is null && _file.IsReadOnly && (ulong)_file.Refresh() >= reference.Height)
        {
            payload = ReadRecord(reference.Height);
        }

        if (payload is null)
        {
            return _file.Corruption is { } corruption
                ? throw new DataAvailabilityException(DaErrorCodes.Corrupt,
                    $"local DA record {reference.Height} lies at or after the damage at offset {corruption.Offset} in {_file.Path}")
                : null;
        }

        var block = Assemble(reference.Height, DecodeRecord(reference.Height, payload));
        if (reference.Commitments.Count == 1 && reference.GetChunk(0).Commitment != Convert.ToBase64String(Hash32.Compute(block).ToArray()))
        {
            throw new DataAvailabilityException(DaErrorCodes.Corrupt,
                $"local DA record {reference.Height} holds another block than reference {reference} names");
        }

        return block;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<DaBlock> ReadFromAsync(ulong fromDaHeight, ulong? toDaHeight = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        for (var sequence = Math.Max(1, fromDaHeight); sequence <= (toDaHeight ?? ulong.MaxValue); sequence++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var payload = ReadRecord(sequence);
            if (payload is null && _file.IsReadOnly && (ulong)_file.Refresh() >= sequence)
            {
                payload = ReadRecord(sequence);
            }

            if (payload is null)
            {
                if (_file.Corruption is { } corruption)
                {
                    throw new DataAvailabilityException(DaErrorCodes.Corrupt,
                        $"local DA {_file.Path} is damaged at offset {corruption.Offset} after record {sequence - 1}: {corruption.Reason}");
                }

                yield break;
            }

            var chunk = DecodeRecord(sequence, payload);
            yield return new DaBlock(chunk.BlockHeight, Assemble(sequence, chunk), Reference(sequence, chunk.BlockHash));
        }
    }

    /// <summary>The number of records; fails with <c>da-corrupt</c> when the file is damaged (its head is unknown, and
    /// a reader bounded by a shorter head would return a shorter chain without noticing).</summary>
    public Task<ulong> GetHeadAsync(CancellationToken cancellationToken = default)
    {
        var count = _file.IsReadOnly ? _file.Refresh() : _file.Count;
        return _file.Corruption is { } corruption
            ? Task.FromException<ulong>(new DataAvailabilityException(DaErrorCodes.Corrupt,
                $"local DA {_file.Path} is damaged at offset {corruption.Offset} after record {count}: {corruption.Reason}"))
            : Task.FromResult((ulong)count);
    }

    /// <summary>Closes the record file and releases the directory lock, so another process can open the layer.</summary>
    public void Dispose()
    {
        _file.Dispose();
        _lock?.Dispose();
        _writeLock.Dispose();
    }

    private byte[]? ReadRecord(ulong sequence)
    {
        try
        {
            return _file.Read(sequence);
        }
        catch (IOException e)
        {
            throw new DataAvailabilityException(DaErrorCodes.Unavailable, $"cannot read local DA record {sequence}: {e.Message}", e);
        }
    }

    private static DaReference Reference(ulong sequence, Hash32 hash) =>
        new(DaReference.LocalLayer, sequence, null, [Convert.ToBase64String(hash.ToArray())]);

    private DaEnvelopeChunk DecodeRecord(ulong sequence, byte[] payload)
    {
        try
        {
            var chunk = DaEnvelope.Decode(payload);
            return chunk.Count == 1 ? chunk : throw new DaEnvelopeFormatException($"local records hold whole blocks, not chunk {chunk.Index} of {chunk.Count}");
        }
        catch (DaEnvelopeFormatException e)
        {
            throw new DataAvailabilityException(DaErrorCodes.Corrupt, $"local DA record {sequence} in {_file.Path}: {e.Message}", e);
        }
    }

    private byte[] Assemble(ulong sequence, DaEnvelopeChunk chunk)
    {
        try
        {
            return DaEnvelope.Reassemble([chunk]);
        }
        catch (DaEnvelopeFormatException e)
        {
            throw new DataAvailabilityException(DaErrorCodes.Corrupt, $"local DA record {sequence} in {_file.Path}: {e.Message}", e);
        }
    }
}
