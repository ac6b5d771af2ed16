namespace Fontana.Node.Options;

/// <summary><c>Fontana:Api</c>: request limits of the HTTP API.</summary>
public sealed class ApiOptions
{
    /// <summary>Largest request body Kestrel accepts on any endpoint, in bytes. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest <c>POST /v1/transactions</c> body, in bytes (base64 of the transaction plus JSON). Default 64 KiB.</summary>
    public long MaxTransactionBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Most outputs <c>GET /v1/addresses/{address}/utxos</c> returns. Default 1000.</summary>
    public int MaxUtxosPerResponse { get; set; } = 1000;
}
