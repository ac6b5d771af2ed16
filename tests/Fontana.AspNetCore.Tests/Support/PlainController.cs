using Microsoft.AspNetCore.Mvc;

namespace Fontana.AspNetCore.Tests.Support;

/// <summary>An MVC controller without <see cref="ChargeAttribute"/>: priced only by the RequirePayment convention on MapControllers.</summary>
[ApiController]
[Route("mvc/plain")]
public sealed class PlainController : ControllerBase
{
    [HttpGet]
    public IActionResult Get() => Ok(new { plain = true });
}
