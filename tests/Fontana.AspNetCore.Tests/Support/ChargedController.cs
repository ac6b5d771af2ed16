using Microsoft.AspNetCore.Mvc;

namespace Fontana.AspNetCore.Tests.Support;

/// <summary>An MVC controller priced with <see cref="ChargeAttribute"/> (controller-wide, overridden on one action).</summary>
[ApiController]
[Route("mvc")]
[Charge("0.001 TIA", Description = "MVC weather")]
public sealed class ChargedController : ControllerBase
{
    [HttpGet("weather")]
    public IActionResult Weather() => Ok(new { forecast = "cloudy", paidBy = HttpContext.GetFontanaPayment()?.Payer.ToString() });

    [HttpGet("premium")]
    [Charge("0.003 TIA")]
    public IActionResult Premium() => Ok(new { forecast = "detailed" });

    [HttpGet("boom")]
    public IActionResult Boom() => throw new InvalidOperationException("the action failed");

    [HttpGet("tiered")]
    [FreeTier(2, 60)]
    public IActionResult Tiered() => Ok(new { tiered = true });

    [HttpGet("limited")]
    [PaymentRateLimit(1, 60)]
    public IActionResult Limited() => Ok(new { limited = true });
}
