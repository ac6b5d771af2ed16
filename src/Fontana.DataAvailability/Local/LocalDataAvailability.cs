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
    private readonly FileStream _lock;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly PostOrder _order = new();

    /// <summary>Opens (or creates) the layer in <paramref name="directory"/>, cutting off a torn tail left by a crash.</summary>
    public LocalDataAvailability(string directory, ILogger<LocalDataAvailability>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = System.IO.Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            _lock = new FileStream(System.IO.Path.Combine(Directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new DataAvailabilityException(DaErrorCodes.Unavailable, $"the local DA layer in {Directory} is in use by another process: {e.Message}", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or DirectoryNotFoundException)
        {
            throw new DataAvailabilityException(DaErrorCodes.Unavailable, $"cannot open the local DA layer in {Directory}: {e.Message}", e);
        }

        try
        {
            _file = LocalRecordFile.Open(System.IO.Path.Combine(Directory, FileName));
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
            _lock.Dispose();
            throw new DataAvailabilityException(DaErrorCodes.Unavailable, $"cannot open the local DA layer in {Directory}: {e.Message}", e);
        }
        catch
        {
            _file?.Dispose();
            _lock.Dispose();
            throw;
        }

        if (_file.TruncatedBytes > 0)
        {
            (logger ?? NullLogger<LocalDataAvailability>.Instance).LogWarning(
                "Local DA {Path}: cut off a torn tail of {Bytes} bytes left by an interrupted write", _file.Path, _file.TruncatedBytes);
        }
    }

    public string Layer => DaReference.LocalLayer;

    /// <summary>The full path of the directory holding the record file.</summary>
    public string Directory { get; }

    public async Task<DaReference> PostAsync(ulong blockHeight, ReadOnlyMemory<byte> blockBytes, CancellationToken cancellationToken = default)
    {
        if (blockBytes.IsEmpty)
        {
            throw new ArgumentException("a block is never empty", nameof(blockBytes));
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var hash = Hash32.Compute(blockBytes.Span);
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
            catch (IOException e)
            {
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
        if (payload is null)
        {
            return null;
        }

        var block = Assemble(reference.Height, DecodeRecord(reference.Height, payload));
        if (reference.Commitments.Count == 1 && reference.GetChunk(0).Commitment != Convert.ToBase64String(Hash32.Compute(block).ToArray()))
        {
            throw new DataAvailabilityException(DaErrorCodes.Corrupt,
                $"local DA record {reference.Height} holds another block than reference {reference} names");
        }

        return block;
    }

    public async IAsyncEnumerable<DaBlock> ReadFromAsync(ulong fromDaHeight, ulong? toDaHeight = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        for (var sequence = Math.Max(1, fromDaHeight); sequence <= (toDaHeight ?? ulong.MaxValue); sequence++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var payload = ReadRecord(sequence);
            if (payload is null)
            {
                yield break;
            }

            var chunk = DecodeRecord(sequence, payload);
            yield return new DaBlock(chunk.BlockHeight, Assemble(sequence, chunk), Reference(sequence, chunk.BlockHash));
        }
    }

    public Task<ulong> GetHeadAsync(CancellationToken cancellationToken = default) => Task.FromResult((ulong)_file.Count);

    public void Dispose()
    {
        _file.Dispose();
        _lock.Dispose();
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
