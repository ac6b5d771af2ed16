using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Fontana.DataAvailability.Local;

/// <summary>
/// The append-only record file of the local DA layer (docs/data-availability.md, "Local layer"). A record is
/// <c>"FDAR"</c> (4) ‖ payload length u32 BE (4) ‖ first 8 bytes of SHA-256(payload) (8) ‖ payload. Every append is
/// fsynced before it returns.
/// <para>Opening indexes the records and checks every checksum (<see cref="RecordScan"/>). Only a torn <em>last</em> record — a crash in the
/// middle of an append, after which no intact record follows — is cut off, and only by a writer at open. A bad header,
/// length or checksum with an intact record after it is corruption: the file is left untouched,
/// <see cref="Corruption"/> names the offset, the records before it stay readable and nothing is ever appended.</para>
/// Not thread-safe for appends (the caller serialises them); reads may run concurrently with an append.
/// </summary>
internal sealed class LocalRecordFile : IDisposable
{
    public const int RecordHeaderLength = 16;
    public const int MaxPayloadLength = (int)Envelope.DaEnvelope.MaxBlockBytes + Envelope.DaEnvelope.HeaderLength;

    private readonly FileStream? _writer;
    private readonly SafeFileHandle _reader;
    private readonly List<(long Offset, int Length)> _records = [];
    private readonly Lock _indexLock = new();
    private long _end;
    private bool _broken;

    private LocalRecordFile(string path, FileStream? writer, SafeFileHandle reader)
    {
        Path = path;
        _writer = writer;
        _reader = reader;
    }

    public string Path { get; }

    /// <summary>True when opened with <see cref="OpenReadOnly"/>: nothing is ever written or cut.</summary>
    public bool IsReadOnly => _writer is null;

    /// <summary>Bytes cut off the tail when the file was opened for writing (0 when it was clean).</summary>
    public long TruncatedBytes { get; private set; }

    /// <summary>Bytes of a torn last record that a read-only open left in place and does not index.</summary>
    public long IgnoredTailBytes { get; private set; }

    /// <summary>The damage found at open (offset and reason), or null when the file is sound.</summary>
    public RecordFileCorruption? Corruption { get; private set; }

    public int Count
    {
        get
        {
            lock (_indexLock)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Opens (or creates) the file for appending; cuts off a torn last record, never anything else.</summary>
    public static LocalRecordFile Open(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var created = !File.Exists(path);
        var writer = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        if (created)
        {
            writer.Flush(flushToDisk: true);
            DirectorySync.Flush(directory);
        }

        SafeFileHandle? reader = null;
        try
        {
            reader = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var file = new LocalRecordFile(path, writer, reader);
            file.Index(0);
            return file;
        }
        catch
        {
            reader?.Dispose();
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing file for reading only (recovery, followers): shares it with a live writer, never changes a byte.</summary>
    public static LocalRecordFile OpenReadOnly(string path)
    {
        var reader = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var file = new LocalRecordFile(path, null, reader);
        try
        {
            file.Index(0);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Read-only files: indexes records a live writer appended since the last look. Returns the new count.</summary>
    public int Refresh()
    {
        if (IsReadOnly && Corruption is null)
        {
            long end;
            lock (_indexLock)
            {
                end = _end;
            }

            IgnoredTailBytes = 0;
            Index(end);
        }

        return Count;
    }

    /// <summary>Appends one record and fsyncs it; returns its 1-based sequence number.</summary>
    public ulong Append(ReadOnlySpan<byte> payload)
    {
        if (_writer is null)
        {
            throw new InvalidOperationException($"{Path} is open read-only");
        }

        if (Corruption is { } corruption)
        {
            throw new DataAvailabilityException(DaErrorCodes.Corrupt,
                $"{Path} is damaged at offset {corruption.Offset} ({corruption.Reason}); nothing is appended after a corrupt record");
        }

        if (_broken)
        {
            // A previous append failed and its partial record could not be cut then: cut it now, or fail again.
            _writer.SetLength(_end);
            _writer.Flush(flushToDisk: true);
            _broken = false;
        }

        var record = new byte[RecordHeaderLength + payload.Length];
        WriteHeader(record, payload);
        payload.CopyTo(record.AsSpan(RecordHeaderLength));
        try
        {
            _writer.Position = _end;
            _writer.Write(record);
            _writer.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leave no partial record behind for the next append to build on (only our own unacknowledged bytes go).
            try
            {
                _writer.SetLength(_end);
                _writer.Flush(flushToDisk: true);
            }
            catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
            {
                _broken = true;
            }

            throw;
        }

        lock (_indexLock)
        {
            _records.Add((_end, payload.Length));
            _end += record.Length;
            return (ulong)_records.Count;
        }
    }

    /// <summary>The payload of record <paramref name="sequence"/> (1-based), or null when there is no such record.</summary>
    public byte[]? Read(ulong sequence)
    {
        (long Offset, int Length) entry;
        lock (_indexLock)
        {
            if (sequence == 0 || sequence > (ulong)_records.Count)
            {
                return null;
            }

            entry = _records[(int)(sequence - 1)];
        }

        var record = new byte[RecordHeaderLength + entry.Length];
        if (ReadFully(record, entry.Offset) != record.Length || !IsValid(record))
        {
            throw new DataAvailabilityException(DaErrorCodes.Corrupt,
                $"local DA record {sequence} at offset {entry.Offset} in {Path} fails its checksum");
        }

        return record[RecordHeaderLength..];
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _reader.Dispose();
    }

    /// <summary>Indexes records from <paramref name="offset"/>; classifies a bad spot as a torn tail or as corruption.</summary>
    private void Index(long offset)
    {
        var length = RandomAccess.GetLength(_reader);
        var scan = new RecordScan(_reader, length);
        var found = new List<(long Offset, int Length)>();
        if (scan.IndexFrom(offset, found) is { } at)
        {
            if (scan.FindIntactRecordAfter(at) is { } next)
            {
                Corruption = new RecordFileCorruption(at, next,
                    $"bad record header, length or checksum at offset {at}, with an intact record at offset {next} after it");
            }
        }

        lock (_indexLock)
        {
            _records.AddRange(found);
            _end = found.Count > 0 ? found[^1].Offset + RecordHeaderLength + found[^1].Length : offset;
        }

        if (Corruption is not null || _end == length)
        {
            return;
        }

        if (_writer is null)
        {
            IgnoredTailBytes = length - _end;
            return;
        }

        TruncatedBytes = length - _end;
        _writer.SetLength(_end);
        _writer.Flush(flushToDisk: true);
    }

    private int ReadFully(Span<byte> buffer, long offset) => RecordScan.ReadFully(_reader, buffer, offset);

    private static void WriteHeader(Span<byte> destination, ReadOnlySpan<byte> payload)
    {
        RecordScan.Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)payload.Length);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(payload, digest);
        digest[..8].CopyTo(destination[8..]);
    }

    internal static bool IsValid(ReadOnlySpan<byte> record)
    {
        if (record.Length < RecordHeaderLength || !record[..4].SequenceEqual(RecordScan.Magic)
            || BinaryPrimitives.ReadUInt32BigEndian(record[4..]) != (uint)(record.Length - RecordHeaderLength))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(record[RecordHeaderLength..], digest);
        return digest[..8].SequenceEqual(record.Slice(8, 8));
    }
}

/// <summary>Where a local DA record file is damaged: the bad record's offset and the next intact record's.</summary>
internal sealed record RecordFileCorruption(long Offset, long NextIntactOffset, string Reason);
