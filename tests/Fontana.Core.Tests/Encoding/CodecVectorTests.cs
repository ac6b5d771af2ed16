using System.Text.Json;
using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Tests.Support;
using Fontana.Core.Transactions;

namespace Fontana.Core.Tests.Encoding;

/// <summary>
/// Vectors/codec-vectors.json: frozen encodings (checked once against an independent implementation of docs/protocol.md).
/// Any change to the encoding, the txid, the block hash or a signing message breaks these.
/// </summary>
public class CodecVectorTests
{
    public static TheoryData<string> TransactionNames() => Names("transactions");

    public static TheoryData<string> HeaderNames() => Names("blockHeaders");

    public static TheoryData<string> BlockNames() => Names("blocks");

    [Theory]
    [MemberData(nameof(TransactionNames))]
    public void Encode_TransactionVector_MatchesHex(string name)
    {
        var vector = Find("transactions", name);
        var transaction = BuildFromFields(vector);

        Convert.ToHexStringLower(TransactionCodec.Encode(transaction)).ShouldBe(vector.GetProperty("hex").GetString());
        transaction.TxId.ToString().ShouldBe(vector.GetProperty("txid").GetString());
    }

    [Theory]
    [MemberData(nameof(TransactionNames))]
    public void Decode_TransactionVector_GivesFieldsTxIdAndValidSignature(string name)
    {
        var vector = Find("transactions", name);
        var bytes = Convert.FromHexString(vector.GetProperty("hex").GetString()!);

        var decoded = TransactionCodec.Decode(bytes);

        var expected = BuildFromFields(vector);
        TransactionAssert.SameFields(decoded, expected);
        decoded.TxId.ToString().ShouldBe(vector.GetProperty("txid").GetString());
        Hash32.Compute(bytes.AsSpan(0, bytes.Length - 64)).ShouldBe(decoded.TxId);
        decoded.VerifySignature().ShouldBeTrue();
        TransactionCodec.Encode(decoded).ShouldBe(bytes);
    }

    [Theory]
    [MemberData(nameof(HeaderNames))]
    public void BlockHeaderVector_EncodesDecodesAndVerifies(string name)
    {
        var vector = Find("blockHeaders", name);
        using var sequencer = PrivateKey.FromSeed(Convert.FromHexString(vector.GetProperty("sequencerSeed").GetString()!));
        var header = new BlockHeader(
            BlockHeader.CurrentVersion,
            vector.GetProperty("chainId").GetString()!,
            vector.GetProperty("height").GetUInt64(),
            Hash32.Parse(vector.GetProperty("previousHash").GetString()!),
            vector.GetProperty("timestamp").GetUInt64(),
            vector.GetProperty("txCount").GetUInt32(),
            Hash32.Parse(vector.GetProperty("txRoot").GetString()!),
            Hash32.Parse(vector.GetProperty("stateRoot").GetString()!)).Sign(sequencer);
        var hex = vector.GetProperty("hex").GetString()!;

        Convert.ToHexStringLower(BlockHeaderCodec.Encode(header)).ShouldBe(hex);
        header.Hash.ToString().ShouldBe(vector.GetProperty("hash").GetString());
        var decoded = BlockHeaderCodec.Decode(Convert.FromHexString(hex));
        decoded.Hash.ShouldBe(header.Hash);
        decoded.VerifySignature(sequencer.PublicKey).ShouldBeTrue();
        decoded.VerifySignature(TestKeys.Alice.PublicKey).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(BlockNames))]
    public void BlockVector_EncodesFromItsHeaderAndTransactionVectors(string name)
    {
        var vector = Find("blocks", name);
        var header = BlockHeaderCodec.Decode(Convert.FromHexString(Find("blockHeaders", vector.GetProperty("header").GetString()!).GetProperty("hex").GetString()!));
        var transactions = vector.GetProperty("transactions").EnumerateArray()
            .Select(t => TransactionCodec.Decode(Convert.FromHexString(Find("transactions", t.GetString()!).GetProperty("hex").GetString()!)))
            .ToList();
        var hex = vector.GetProperty("hex").GetString()!;

        Convert.ToHexStringLower(BlockCodec.Encode(new Block(header, transactions))).ShouldBe(hex);
        var decoded = BlockCodec.Decode(Convert.FromHexString(hex));
        decoded.Hash.ShouldBe(header.Hash);
        decoded.Transactions.Select(t => t.TxId).ShouldBe(transactions.Select(t => t.TxId));
    }

    private static Transaction BuildFromFields(JsonElement vector)
    {
        using var key = PrivateKey.FromSeed(Convert.FromHexString(vector.GetProperty("signerSeed").GetString()!));
        var builder = new TransactionBuilder(vector.GetProperty("chainId").GetString()!, Enum.Parse<TransactionKind>(vector.GetProperty("kind").GetString()!));
        foreach (var input in vector.GetProperty("inputs").EnumerateArray())
        {
            builder.AddInput(OutPoint.Parse(input.GetString()!));
        }

        foreach (var output in vector.GetProperty("outputs").EnumerateArray())
        {
            builder.AddOutput(Address.Parse(output.GetProperty("address").GetString()!), Amount.ParseUtia(output.GetProperty("amountUtia").GetString()!));
        }

        if (vector.TryGetProperty("sessionData", out var sessionData))
        {
            builder.WithSessionData(Convert.FromHexString(sessionData.GetString()!));
        }

        return builder
            .WithFee(Amount.ParseUtia(vector.GetProperty("feeUtia").GetString()!))
            .WithMemo(Convert.FromHexString(vector.GetProperty("memo").GetString()!))
            .WithExpiry(vector.GetProperty("expiry").GetUInt64())
            .WithExternalRef(vector.GetProperty("externalRef").GetString()!)
            .Sign(key);
    }

    private static TheoryData<string> Names(string section)
    {
        using var doc = VectorFile.Load("codec-vectors.json");
        var data = new TheoryData<string>();
        foreach (var vector in doc.RootElement.GetProperty(section).EnumerateArray())
        {
            data.Add(vector.GetProperty("name").GetString()!);
        }

        return data;
    }

    private static JsonElement Find(string section, string name)
    {
        using var doc = VectorFile.Load("codec-vectors.json");
        return doc.RootElement.GetProperty(section).EnumerateArray().Single(v => v.GetProperty("name").GetString() == name).Clone();
    }
}
