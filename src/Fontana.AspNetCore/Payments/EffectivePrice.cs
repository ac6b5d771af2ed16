namespace Fontana.AspNetCore.Payments;

/// <summary>
/// Which price applies when an endpoint carries several: a <see cref="ChargeAttribute"/> (the action's over the
/// controller's) wins over a <c>RequirePayment</c> convention, and among conventions the most specific (the route's
/// own over its group's) wins — in both cases the last one in the endpoint's metadata.
/// </summary>
internal static class EffectivePrice
{
    public static IPriceMetadata? Of(Endpoint? endpoint)
    {
        if (endpoint is null)
        {
            return null;
        }

        IPriceMetadata? convention = null;
        ChargeAttribute? attribute = null;
        var metadata = endpoint.Metadata;
        for (var i = 0; i < metadata.Count; i++)
        {
            switch (metadata[i])
            {
                case ChargeAttribute charge:
                    attribute = charge;
                    break;
                case IPriceMetadata price:
                    convention = price;
                    break;
            }
        }

        return attribute ?? convention;
    }
}
