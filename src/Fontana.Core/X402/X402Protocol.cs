namespace Fontana.Core.X402;

/// <summary>Protocol-level constants of x402 (coinbase/x402 <c>specs/x402-specification-v2.md</c>).</summary>
public static class X402Protocol
{
    /// <summary>The only x402 protocol version Fontana speaks: <c>x402Version</c> = 2.</summary>
    public const int Version = 2;
}
