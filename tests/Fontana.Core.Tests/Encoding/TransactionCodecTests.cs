using FsCheck;
using FsCheck.Fluent;
using Fontana.Core.Encoding;
using Fontana.Core.Tests.Support;
using Fontana.Core.Transactions;

namespace Fontana.Core.Tests.Encoding;

public class TransactionCodecTests
{
    private static readonly Arbitrary<int> Seeds = Arb.From(Gen.Choose(0, int.MaxValue - 1));

    [Fact]
    public void EncodeDecode_RandomTransactions_RoundTripExactly()
    {
        Prop.ForAll(Seeds, seed =>
        {
            var transaction = RandomTransactions.Create(seed);
            var bytes = TransactionCodec.Encode(transaction);
            var decoded = TransactionCodec.Decode(bytes);

            bytes.Length.ShouldBe(TransactionCodec.GetEncodedLength(transaction));
            TransactionAssert.SameFields(decoded, transaction);
            TransactionCodec.Encode(decoded).ShouldBe(bytes);
            decoded.VerifySignature().ShouldBeTrue();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TxId_RandomTransactions_IsSha256OfTheBody()
    {
        Prop.ForAll(Seeds, seed =>
        {
            var transaction = RandomTransactions.Create(seed);
            var body = TransactionCodec.EncodeBody(transaction);
            return Hash32.Compute(body) == transaction.TxId
                && TransactionCodec.Encode(transaction).AsSpan(0, body.Length).SequenceEqual(body);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Encode_IntoSpan_WritesSameBytesAndRejectsShortBuffers()
    {
        var transaction = TestTransactions.Make();
        var buffer = new byte[TransactionCodec.GetEncodedLength(transaction) + 10];

        TransactionCodec.Encode(transaction, buffer).ShouldBe(buffer.Length - 10);
        buffer.AsSpan(0, buffer.Length - 10).ToArray().ShouldBe(TransactionCodec.Encode(transaction));
        Should.Throw<ArgumentException>(() => TransactionCodec.Encode(transaction, new byte[buffer.Length - 11]));
    }

    [Fact]
    public void Decode_RawBaseline_Succeeds()
    {
        // The baseline for the error cases below must itself decode.
        TransactionCodec.Decode(new RawTransaction().ToBytes()).Kind.ShouldBe(TransactionKind.Transfer);
        TransactionCodec.Decode(new RawTransaction { InputCount = 256, OutputCount = 0 }.ToBytes()).Inputs.Count.ShouldBe(256);
        TransactionCodec.Decode(new RawTransaction { Memo = new byte[64], ExternalRef = new byte[128] }.ToBytes()).Memo.Length.ShouldBe(64);
    }

    public static TheoryData<string, string> DecodeErrors() => new()
    {
        { "empty", FormatErrorCode.Truncated },
        { "no-signature", FormatErrorCode.Truncated },
        { "one-byte-short", FormatErrorCode.Truncated },
        { "trailing-byte", FormatErrorCode.TrailingBytes },
        { "over-16-kib", FormatErrorCode.TooLarge },
        { "version-0", FormatErrorCode.BadVersion },
        { "version-2", FormatErrorCode.BadVersion },
        { "chain-id-empty", FormatErrorCode.BadChainId },
        { "chain-id-33", FormatErrorCode.BadChainId },
        { "chain-id-uppercase", FormatErrorCode.BadChainId },
        { "chain-id-underscore", FormatErrorCode.BadChainId },
        { "kind-0", FormatErrorCode.BadKind },
        { "kind-10", FormatErrorCode.BadKind },
        { "inputs-257", FormatErrorCode.TooManyInputs },
        { "inputs-65535-no-data", FormatErrorCode.TooManyInputs },
        { "inputs-count-exceeds-data", FormatErrorCode.Truncated },
        { "outputs-257", FormatErrorCode.TooManyOutputs },
        { "outputs-count-exceeds-data", FormatErrorCode.Truncated },
        { "memo-65", FormatErrorCode.MemoTooLong },
        { "memo-length-exceeds-data", FormatErrorCode.Truncated },
        { "external-ref-129", FormatErrorCode.ExternalRefTooLong },
        { "external-ref-invalid-utf8", FormatErrorCode.BadExternalRef },
        { "external-ref-overlong-utf8", FormatErrorCode.BadExternalRef },
        { "external-ref-surrogate-utf8", FormatErrorCode.BadExternalRef },
        { "external-ref-truncated-utf8", FormatErrorCode.BadExternalRef },
    };

    [Theory]
    [MemberData(nameof(DecodeErrors))]
    public void Decode_Malformed_ThrowsFormatExceptionWithCode(string caseName, string expectedCode)
    {
        var bytes = Malformed(caseName);

        var thrown = Should.Throw<FontanaFormatException>(() => TransactionCodec.Decode(bytes));
        thrown.Code.ShouldBe(expectedCode);
        thrown.Message.ShouldNotBeNullOrWhiteSpace();
        TransactionCodec.TryDecode(bytes, out var transaction, out var error).ShouldBeFalse();
        transaction.ShouldBeNull();
        error!.Code.ShouldBe(expectedCode);
        TransactionCodec.TryDecode(bytes, out _).ShouldBeFalse();
    }

    private static byte[] Malformed(string caseName)
    {
        var valid = new RawTransaction().ToBytes();
        return caseName switch
        {
            "empty" => [],
            "no-signature" => valid[..^64],
            "one-byte-short" => valid[..^1],
            "trailing-byte" => new RawTransaction { Trailing = [0] }.ToBytes(),
            "over-16-kib" => new byte[TransactionCodec.MaxEncodedLength + 1],
            "version-0" => new RawTransaction { Version = 0 }.ToBytes(),
            "version-2" => new RawTransaction { Version = 2 }.ToBytes(),
            "chain-id-empty" => new RawTransaction { ChainId = [] }.ToBytes(),
            "chain-id-33" => new RawTransaction { ChainId = new byte[33].Select(_ => (byte)'a').ToArray() }.ToBytes(),
            "chain-id-uppercase" => new RawTransaction { ChainId = "Fontana"u8.ToArray() }.ToBytes(),
            "chain-id-underscore" => new RawTransaction { ChainId = "fontana_test"u8.ToArray() }.ToBytes(),
            "kind-0" => new RawTransaction { Kind = 0 }.ToBytes(),
            "kind-10" => new RawTransaction { Kind = 10 }.ToBytes(),
            "inputs-257" => new RawTransaction { InputCount = 257 }.ToBytes(),
            "inputs-65535-no-data" => new RawTransaction { InputCount = 65535, InputsWritten = 0 }.ToBytes(),
            "inputs-count-exceeds-data" => new RawTransaction { InputCount = 200, InputsWritten = 2 }.ToBytes(),
            "outputs-257" => new RawTransaction { OutputCount = 257 }.ToBytes(),
            "outputs-count-exceeds-data" => new RawTransaction { OutputCount = 200, OutputsWritten = 1 }.ToBytes(),
            "memo-65" => new RawTransaction { Memo = new byte[65] }.ToBytes(),
            "memo-length-exceeds-data" => new RawTransaction { MemoLength = 64, SignatureLength = 0 }.ToBytes(),
            "external-ref-129" => new RawTransaction { ExternalRef = new byte[129] }.ToBytes(),
            "external-ref-invalid-utf8" => new RawTransaction { ExternalRef = [0x61, 0xff] }.ToBytes(),
            "external-ref-overlong-utf8" => new RawTransaction { ExternalRef = [0xc0, 0x80] }.ToBytes(),
            "external-ref-surrogate-utf8" => new RawTransaction { ExternalRef = [0xed, 0xa0, 0x80] }.ToBytes(),
            "external-ref-truncated-utf8" => new RawTransaction { ExternalRef = [0xe2, 0x82] }.ToBytes(),
            _ => throw new ArgumentOutOfRangeException(nameof(caseName)),
        };
    }

    [Fact]
    public void Decode_ExternalRefUtf8_RoundTripsText()
    {
        var decoded = TransactionCodec.Decode(new RawTransaction { ExternalRef = "Zürich-€"u8.ToArray() }.ToBytes());
        decoded.ExternalRef.ShouldBe("Zürich-€");
    }

    [Fact]
    public void Decode_SameChainIdTwice_ReusesTheString()
    {
        var bytes = new RawTransaction().ToBytes();
        ReferenceEquals(TransactionCodec.Decode(bytes).ChainId, TransactionCodec.Decode(bytes).ChainId).ShouldBeTrue();
    }
}
