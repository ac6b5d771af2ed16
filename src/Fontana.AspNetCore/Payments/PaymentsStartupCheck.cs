using Microsoft.AspNetCore.Mvc.Abstractions;

namespace Fontana.AspNetCore.Payments;

/// <summary>
/// Fails the start, not the first paid call: once the request pipeline is built, builds the payment gate (options,
/// challenge key, settler) and refuses a <see cref="ChargeAttribute"/> on a minimal-API handler, where no MVC filter
/// would enforce it (the endpoint would be free).
/// </summary>
internal sealed class PaymentsStartupCheck : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        var services = app.ApplicationServices;
        _ = services.GetRequiredService<PaymentGate>();
        if (services.GetService<EndpointDataSource>() is not { } endpoints)
        {
            return;
        }

        foreach (var endpoint in endpoints.Endpoints)
        {
            var metadata = endpoint.Metadata;
            if (metadata.GetMetadata<ChargeAttribute>() is not null
                && metadata.GetMetadata<ActionDescriptor>() is null
                && metadata.GetMetadata<RoutePriceMetadata>() is null)
            {
                throw new InvalidOperationException(
                    $"[Charge] on \"{endpoint.DisplayName}\" is not enforced on minimal APIs; use .RequirePayment(\"…\") on the endpoint instead");
            }
        }
    };
}
