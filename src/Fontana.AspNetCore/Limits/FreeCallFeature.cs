namespace Fontana.AspNetCore.Limits;

/// <summary>Marks a request the free tier let through, so a second price check on the same request (a
/// <c>RequirePayment</c> convention and <c>[Charge]</c> together) neither takes another free call nor asks for payment.</summary>
internal sealed class FreeCallFeature
{
    public static readonly FreeCallFeature Instance = new();

    private FreeCallFeature()
    {
    }
}
