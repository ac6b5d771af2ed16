using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Fontana.DataAvailability.Local;

/// <summary>
/// The append-only record file of the local DA layer (docs/data-availability.md, "Local layer"). A record is
/// <c>"FDAR"</c> (4) ‖ payload length u32 BE (4) ‖ first 8 bytes of SHA-256(payload) (8) ‖ payload. Every append is
/// fsynced before it returns. Opening the file checks the last record and cuts off a torn tail (a crash in the middle
/// of an append); earlier records were fsynced before the torn one was started, so they are never touched.
/// Not thread-safe for appends (the caller serialises them); reads may run concurrently with an append.
/// </summary>
internal sealed class LocalRecordFile : IDisposable
{
    public const int RecordHeaderLength = 16;
    public const int MaxPayloadLength = (int)Envelope.DaEnvelope.MaxBlockBytes + Envelope.DaEnvelope.HeaderLength;

    private static ReadOnlySpan<byte> RecordMagic => "FDAR"u8;

    private readonly FileStream _writer;
    private readonly SafeFileHandle _reader;
    private readonly List<(long Offset, int Length)> _records = [];
    private readonly Lock _indexLock = new();
    private long _end;
    private bool _broken;

    private LocalRecordFile(string path, FileStream writer, SafeFileHandle reader)
    {
        Path = path;
        _writer = writer;
        _reader = reader;
    }

    public string Path { get; }

    /// <summary>Bytes cut off the tail when the file was opened (0 when it was clean).</summary>
    public long TruncatedBytes { get; private set; }

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

        var reader = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var file = new LocalRecordFile(path, writer, reader);
        try
        {
            file.Recover();
        }
        catch
        {
            file.Dispose();
            throw;
        }

        return file;
    }

    /// <summary>Appends one record and fsyncs it; returns its 1-based sequence number.</summary>
    public ulong Append(ReadOnlySpan<byte> payload)
    {
        if (_broken)
        {
            throw new IOException($"{Path} could not be restored after a failed append; reopen it");
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
        catch (IOException)
        {
            // Leave no partial record behind for the next append to build on.
            try
            {
                _writer.SetLength(_end);
                _writer.Flush(flushToDisk: true);
            }
            catch (IOException)
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
            throw new DataAvailabilityException(DaErrorCodes.Corrupt, $"local DA record {sequence} in {Path} fails its checksum");
        }

        return record[RecordHeaderLength..];
    }

    public void Dispose()
    {
        _writer.Dispose();
        _reader.Dispose();
    }

    private void Recover()
    {
        var length = RandomAccess.GetLength(_reader);
        var header = new byte[RecordHeaderLength];
        long offset = 0;
        while (offset + RecordHeaderLength <= length)
        {
            if (ReadFully(header, offset) != RecordHeaderLength || !header.AsSpan(0, 4).SequenceEqual(RecordMagic))
            {
                break;
            }

            var payloadLength = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            if (payloadLength > MaxPayloadLength || offset + RecordHeaderLength + payloadLength > length)
            {
                break;
            }

            _records.Add((offset, (int)payloadLength));
            offset += RecordHeaderLength + payloadLength;
        }

        // Only the last record can be torn: check its checksum; a bad one is dropped with the rest of the tail.
        if (_records.Count > 0)
        {
            var (lastOffset, lastLength) = _records[^1];
            var last = new byte[RecordHeaderLength + lastLength];
            if (ReadFully(last, lastOffset) != last.Length || !IsValid(last))
            {
                _records.RemoveAt(_records.Count - 1);
                offset = lastOffset;
            }
        }

        _end = offset;
        if (length > offset)
        {
            TruncatedBytes = length - offset;
            _writer.SetLength(offset);
            _writer.Flush(flushToDisk: true);
        }
    }

    private int ReadFully(Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = RandomAccess.Read(_reader, buffer[total..], offset + total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static void WriteHeader(Span<byte> destination, ReadOnlySpan<byte> payload)
    {
        RecordMagic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)payload.Length);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(payload, digest);
        digest[..8].CopyTo(destination[8..]);
    }

    private static bool IsValid(ReadOnlySpan<byte> record)
    {
        if (!record[..4].SequenceEqual(RecordMagic)
            || BinaryPrimitives.ReadUInt32BigEndian(record[4..]) != (uint)(record.Length - RecordHeaderLength))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(record[RecordHeaderLength..], digest);
        return digest[..8].SequenceEqual(record.Slice(8, 8));
    }
}
