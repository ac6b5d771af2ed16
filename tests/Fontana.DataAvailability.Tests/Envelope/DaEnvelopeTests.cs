using FsCheck;
using FsCheck.Fluent;
using Fontana.Core;
using Fontana.DataAvailability.Envelope;

namespace Fontana.DataAvailability.Tests.Envelope;

public class DaEnvelopeTests
{
    [Fact]
    public void Split_SmallBlock_WritesTheDocumentedHeader()
    {
        var envelope = DaEnvelope.Split(0x0102030405060708, "abc"u8, 1000).Single();

        Convert.ToHexStringLower(envelope).ShouldBe(
            "464e54444131" + "0102030405060708" + "0000" + "0001" + "00000003"
            + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" + "00000003" + "616263");
    }

    [Fact]
    public void SplitAndReassemble_RandomBlocksAndLimits_RoundTripInAnyOrder() =>
        Prop.ForAll(
            Gen.Choose(1, 6000).ToArbitrary(),
            Gen.Choose(DaEnvelope.HeaderLength + 1, 2500).ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (length, max, seed) =>
            {
                var block = new byte[length];
                new Random(seed).NextBytes(block);
                var envelopes = DaEnvelope.Split(42, block, max);
                var chunks = envelopes.Select(e => DaEnvelope.Decode(e)).OrderBy(_ => new Random(seed).Next()).Reverse().ToList();
                return envelopes.All(e => e.Length <= max)
                    && envelopes.Length == DaEnvelope.ChunkCount(length, max)
                    && chunks.All(c => c.BlockHeight == 42 && c.BlockHash == Hash32.Compute(block))
                    && DaEnvelope.Reassemble([.. chunks, chunks[0]]).AsSpan().SequenceEqual(block);
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void Decode_RandomBytes_ThrowsOnlyItsFormatError() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => DecodesOrFormatError(bytes))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Decode_TruncatedOrMutatedEnvelopes_ThrowOnlyItsFormatError() =>
        Prop.ForAll(Gen.Choose(0, 400).ToArbitrary(), Gen.Choose(0, 255).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (cut, value, seed) =>
            {
                var envelope = DaEnvelope.Split(7, new byte[300].Select((_, i) => (byte)i).ToArray(), 200)[1];
                var truncated = envelope[..Math.Min(cut, envelope.Length - 1)];
                var mutated = (byte[])envelope.Clone();
                mutated[new Random(seed).Next(DaEnvelope.HeaderLength)] = (byte)value;
                return DecodesOrFormatError(truncated) && ThrowsOrDecodes(truncated) == false && DecodesOrFormatError(mutated);
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void Reassemble_MissingChunkOrWrongHash_ThrowsFormatError()
    {
        var block = new byte[1000];
        new Random(1).NextBytes(block);
        var chunks = DaEnvelope.Split(3, block, 300).Select(e => DaEnvelope.Decode(e)).ToList();

        Should.Throw<DaEnvelopeFormatException>(() => DaEnvelope.Reassemble(chunks.Skip(1).ToList())).Message.ShouldContain("missing");
        var forged = chunks[1] with { Payload = new byte[chunks[1].Payload.Length] };
        Should.Throw<DaEnvelopeFormatException>(() => DaEnvelope.Reassemble([chunks[0], forged, .. chunks.Skip(2)])).Message.ShouldContain("hash");
    }

    [Fact]
    public void Split_TooManyChunks_ThrowsDaTooLarge() =>
        Should.Throw<DataAvailabilityException>(() => DaEnvelope.Split(1, new byte[70_000], DaEnvelope.HeaderLength + 1)).Code.ShouldBe("da-too-large");

    private static bool DecodesOrFormatError(byte[] bytes)
    {
        try
        {
            DaEnvelope.Decode(bytes);
            return true;
        }
        catch (DaEnvelopeFormatException)
        {
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static bool ThrowsOrDecodes(byte[] bytes) => DaEnvelope.TryDecode(bytes, out _);
}
