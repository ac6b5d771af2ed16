using Fontana.Core;
using Fontana.Ledger.Genesis;

namespace Fontana.Ledger.Tests.Genesis;

public sealed class GenesisDocumentTests
{
    private const string Sequencer = "b23ed66b7f3d400a986daf0fe3dffb406dee5496326963ddb61f0c446090455a";
    private const string Bridge = "231552efae30710c5b579feec12b647ab7b335d5541b4e18d2e93918b188b2cb";
    private const string Fee = "fnt1jc7clrmq70xw6ah6ad7afnzmsds6hhz9cy2latca0909x02appvqfgq5wp";
    private const string Alice = "fnt19wglft0amgrppaqme3l0jsyqg79me3tprvsljly9rfd45pf6jq2s4erw2f";

    private static readonly string Valid = $$"""
        {
          "chainId": "fontana-devnet",
          "timestamp": "2025-01-01T00:00:00Z",
          "sequencerPublicKey": "{{Sequencer}}",
          "bridgeAuthorityPublicKey": "{{Bridge}}",
          "feeAddress": "{{Fee}}",
          "minFee": "1000",
          "blockInterval": "6s",
          "allocations": [
            { "address": "{{Alice}}", "amount": "1000000000" },
            { "address": "{{Fee}}", "amount": "5" }
          ]
        }
        """;

    [Fact]
    public void Parse_ValidDocument_ReadsEveryField()
    {
        var genesis = GenesisDocument.Parse(Valid);

        genesis.ChainId.ShouldBe("fontana-devnet");
        genesis.Timestamp.ShouldBe(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        genesis.SequencerPublicKey.ToString().ShouldBe(Sequencer);
        genesis.BridgeAuthorityPublicKey.ToString().ShouldBe(Bridge);
        genesis.FeeAddress.ToString().ShouldBe(Fee);
        genesis.MinFee.ShouldBe(Amount.FromUtia(1000));
        genesis.BlockInterval.ShouldBe(TimeSpan.FromSeconds(6));
        genesis.Allocations.Count.ShouldBe(2);
        genesis.TotalAllocated.ShouldBe(Amount.FromUtia(1_000_000_005));
        genesis.AllocationOutPoint(1).ShouldBe(new OutPoint(genesis.Hash, 1));
    }

    [Fact]
    public void Hash_OfTheVectorDocument_IsTheDocumentedValue()
    {
        // docs/genesis.md quotes this value: change both together.
        GenesisDocument.Parse(Valid).Hash.ToString().ShouldBe(VectorHash);
    }

    [Fact]
    public void Hash_DependsOnContentNotOnJsonFormatting()
    {
        var reformatted = Valid
            .Replace("\"6s\"", "6000", StringComparison.Ordinal)
            .Replace("\"1000\"", "\"0.001 TIA\"", StringComparison.Ordinal)
            .Replace("2025-01-01T00:00:00Z", "2025-01-01T01:00:00+01:00", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);

        GenesisDocument.Parse(reformatted).Hash.ShouldBe(GenesisDocument.Parse(Valid).Hash);
        GenesisDocument.Parse(GenesisDocument.Parse(Valid).ToJson()).Hash.ShouldBe(GenesisDocument.Parse(Valid).Hash);
        GenesisDocument.Parse(Valid.Replace("\"5\"", "\"6\"", StringComparison.Ordinal)).Hash.ShouldNotBe(GenesisDocument.Parse(Valid).Hash);
    }

    [Fact]
    public void FromCanonicalBytes_RoundTrips_AndRejectsDamage()
    {
        var genesis = GenesisDocument.Parse(Valid);
        var bytes = genesis.ToCanonicalBytes();

        GenesisDocument.FromCanonicalBytes(bytes).Hash.ShouldBe(genesis.Hash);
        Should.Throw<LedgerException>(() => GenesisDocument.FromCanonicalBytes(bytes.AsSpan(0, bytes.Length - 1)))
            .Code.ShouldBe(LedgerErrorCodes.InvalidGenesis);
        Should.Throw<LedgerException>(() => GenesisDocument.FromCanonicalBytes([.. bytes, 0]))
            .Code.ShouldBe(LedgerErrorCodes.InvalidGenesis);
        var badTag = (byte[])bytes.Clone();
        badTag[0] ^= 1;
        Should.Throw<LedgerException>(() => GenesisDocument.FromCanonicalBytes(badTag)).Code.ShouldBe(LedgerErrorCodes.InvalidGenesis);
    }

    [Theory]
    [InlineData("\"chainId\": \"fontana-devnet\",", "", "chainId is missing")]
    [InlineData("fontana-devnet", "Fontana_Devnet", "chainId")]
    [InlineData("2025-01-01T00:00:00Z", "2025-01-01", "timestamp")]
    [InlineData("\"6s\"", "\"6 weeks\"", "blockInterval")]
    [InlineData("\"1000\",", "\"-1\",", "minFee")]
    [InlineData(Sequencer, "abcd", "sequencerPublicKey")]
    [InlineData("\"1000000000\"", "\"0\"", "allocations[0].amount must be greater than zero")]
    [InlineData("\"1000000000\"", "1000000000", "allocations[0].amount must be a string")]
    [InlineData("{ \"address\": \"fnt19", "{ \"adress\": \"fnt19", "allocations[0].adress")]
    [InlineData("\"minFee\"", "\"minfee\"", "minfee is not a genesis field")]
    public void Parse_InvalidField_FailsNamingTheField(string find, string replace, string expected)
    {
        var json = Valid.Replace(find, replace, StringComparison.Ordinal);

        var error = Should.Throw<LedgerException>(() => GenesisDocument.Parse(json));

        error.Code.ShouldBe(LedgerErrorCodes.InvalidGenesis);
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void Parse_AddressChecksumWrong_FailsNamingTheAllocation()
    {
        var json = Valid.Replace(Alice, Alice[..^1] + "x", StringComparison.Ordinal);

        Should.Throw<LedgerException>(() => GenesisDocument.Parse(json)).Message.ShouldContain("allocations[0].address");
    }

    [Fact]
    public void Constructor_MoreThan65536Allocations_Fails()
    {
        var genesis = GenesisDocument.Parse(Valid);
        var many = Enumerable.Repeat(genesis.Allocations[1], GenesisDocument.MaxAllocations + 1).ToList();

        Should.Throw<LedgerException>(() => new GenesisDocument(
            genesis.ChainId, genesis.Timestamp, genesis.SequencerPublicKey, genesis.BridgeAuthorityPublicKey, genesis.FeeAddress,
            genesis.MinFee, genesis.BlockInterval, many)).Message.ShouldContain("at most 65536");
    }

    [Fact]
    public void Parse_NotJson_FailsWithInvalidGenesis() =>
        Should.Throw<LedgerException>(() => GenesisDocument.Parse("{ nope")).Code.ShouldBe(LedgerErrorCodes.InvalidGenesis);

    private const string VectorHash = "a31728b40acdc85df2f4ca1b3090cbbdd537a6c635faab80398e22fe6a06304c";
}
