using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Fontana.DataAvailability.Local;

/// <summary>
/// Reads the structure of a local DA record file without changing it: walks record headers, checks one record's
/// checksum, and looks for an intact record after a bad spot — the test that tells a torn last record (nothing
/// intact follows: a crash mid-append) from corruption (intact records follow: never cut).
/// </summary>
internal sealed class RecordScan(SafeFileHandle file, long length)
{
    private const int SearchWindow = 1 << 20;

    public static ReadOnlySpan<byte> Magic => "FDAR"u8;

    /// <summary>Adds every complete record with a matching checksum from <paramref name="offset"/> to <paramref name="found"/>;
    /// returns the offset of the first spot that is not one, or null when the file ends cleanly.</summary>
    public long? IndexFrom(long offset, List<(long Offset, int Length)> found)
    {
        while (offset < length)
        {
            if (ValidLengthAt(offset) is not { } payloadLength)
            {
                return offset;
            }

            found.Add((offset, payloadLength));
            offset += LocalRecordFile.RecordHeaderLength + payloadLength;
        }

        return null;
    }

    /// <summary>Whether a complete record with a matching checksum starts at <paramref name="offset"/>.</summary>
    public bool IsValidAt(long offset) => ValidLengthAt(offset) is not null;

    private int? ValidLengthAt(long offset)
    {
        Span<byte> header = stackalloc byte[LocalRecordFile.RecordHeaderLength];
        if (length - offset < LocalRecordFile.RecordHeaderLength || ReadFully(file, header, offset) != header.Length || !header[..4].SequenceEqual(Magic))
        {
            return null;
        }

        var payloadLength = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (payloadLength > LocalRecordFile.MaxPayloadLength || offset + LocalRecordFile.RecordHeaderLength + payloadLength > length)
        {
            return null;
        }

        var record = new byte[LocalRecordFile.RecordHeaderLength + payloadLength];
        return ReadFully(file, record, offset) == record.Length && LocalRecordFile.IsValid(record) ? (int)payloadLength : null;
    }

    /// <summary>The offset of the first intact record (magic, length inside the file, checksum) starting after
    /// <paramref name="badOffset"/>, or null when none does (the bad spot is a torn tail).</summary>
    public long? FindIntactRecordAfter(long badOffset)
    {
        var buffer = new byte[SearchWindow + Magic.Length - 1];
        for (var start = badOffset + 1; start < length; start += SearchWindow)
        {
            var n = ReadFully(file, buffer, start);
            var window = buffer.AsSpan(0, n);
            var at = 0;
            while (at < window.Length)
            {
                var hit = window[at..].IndexOf(Magic);
                if (hit < 0)
                {
                    break;
                }

                var candidate = start + at + hit;
                if (candidate < start + SearchWindow && IsValidAt(candidate))
                {
                    return candidate;
                }

                at += hit + 1;
            }
        }

        return null;
    }

    public static int ReadFully(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = RandomAccess.Read(file, buffer[total..], offset + total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
