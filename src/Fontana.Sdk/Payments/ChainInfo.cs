using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Core.X402;

namespace Fontana.Sdk.Payments;

/// <summary>The chain parameters a payer needs, parsed once from <c>GET /v1/info</c>.</summary>
internal sealed record ChainInfo(string ChainId, string Network, Amount MinFee, PublicKey SequencerKey, Address FeeAddress, TimeSpan BlockInterval)
{
    public static ChainInfo FromDto(NodeInfo info)
    {
        try
        {
            return new ChainInfo(
                info.ChainId,
                string.IsNullOrEmpty(info.Network) ? FontanaExact.FormatNetwork(info.ChainId) : info.Network,
                Amount.ParseUtia(info.MinFee),
                PublicKey.Parse(info.SequencerPublicKey),
                Address.Parse(info.FeeAddress),
                TimeSpan.FromMilliseconds(info.BlockIntervalMs));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new FontanaApiException(FontanaApiException.BadResponseCode, 200, $"{FontanaApiException.BadResponseCode}: /v1/info is not valid ({ex.Message})", null, ex);
        }
    }
}
