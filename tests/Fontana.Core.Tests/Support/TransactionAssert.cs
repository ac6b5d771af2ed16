using Fontana.Core.Transactions;

namespace Fontana.Core.Tests.Support;

internal static class TransactionAssert
{
    /// <summary>Every field equal, signature and txid included.</summary>
    public static void SameFields(Transaction actual, Transaction expected)
    {
        actual.Version.ShouldBe(expected.Version);
        actual.ChainId.ShouldBe(expected.ChainId);
        actual.Kind.ShouldBe(expected.Kind);
        actual.Inputs.ShouldBe(expected.Inputs);
        actual.Outputs.ShouldBe(expected.Outputs);
        actual.Fee.ShouldBe(expected.Fee);
        actual.Memo.ToArray().ShouldBe(expected.Memo.ToArray());
        actual.Expiry.ShouldBe(expected.Expiry);
        actual.ExternalRef.ShouldBe(expected.ExternalRef);
        actual.SessionData.ToArray().ShouldBe(expected.SessionData.ToArray());
        actual.Signer.ShouldBe(expected.Signer);
        actual.Signature.ToArray().ShouldBe(expected.Signature.ToArray());
        actual.TxId.ShouldBe(expected.TxId);
    }
}
