namespace Fontana.Bridge.L1;

/// <summary>One <c>MsgSend</c> found on L1: the transaction hash (upper-case hex, as CometBFT writes it), the height
/// it was included at, the message's index in the transaction, sender, recipient, utia sent and the transaction memo.
/// <paramref name="Code"/> is the transaction's result code (0 = success).</summary>
public sealed record L1Transfer(string TxHash, long Height, int MessageIndex, string From, string To, ulong Utia, string Memo, uint Code)
{
    /// <summary>The deposit key: <c>TXHASH:messageIndex</c> (one transaction may hold several sends).</summary>
    public string Key => $"{TxHash}:{MessageIndex}";
}

/// <summary>What <c>state.Transfer</c> answered: the transaction hash and the height it was included at.</summary>
public sealed record L1TxResult(string TxHash, long Height);
