namespace Fontana.Ledger.Storage;

/// <summary>Everything one group commit writes, in one database transaction.</summary>
internal sealed class StoreBatch
{
    public List<StoredTransaction> Transactions { get; } = [];

    public List<NewUtxo> NewUtxos { get; } = [];

    public List<UtxoSpend> Spends { get; } = [];

    public List<StoredDeposit> Deposits { get; } = [];

    public List<StoredWithdrawal> Withdrawals { get; } = [];

    public List<WithdrawalConfirmation> Confirmations { get; } = [];

    public List<StoredBlock> Blocks { get; } = [];

    public List<PostedMark> Posted { get; } = [];

    public bool IsEmpty =>
        Transactions.Count == 0 && NewUtxos.Count == 0 && Spends.Count == 0 && Deposits.Count == 0 && Withdrawals.Count == 0
        && Confirmations.Count == 0 && Blocks.Count == 0 && Posted.Count == 0;
}
