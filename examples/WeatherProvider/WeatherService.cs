namespace WeatherProvider;

/// <summary>Deterministic made-up weather (the example is about payments, not meteorology).</summary>
internal sealed class WeatherService
{
    private static readonly string[] Skies = ["sunny", "cloudy", "rain", "snow", "fog", "wind"];

    public string Now(string city) => Skies[Seed(city, 0) % Skies.Length];

    public IReadOnlyList<string> Forecast(string city, int days)
    {
        var result = new string[days];
        for (var i = 0; i < days; i++)
        {
            result[i] = Skies[Seed(city, i + 1) % Skies.Length];
        }

        return result;
    }

    /// <summary>A made-up report of exactly <paramref name="words"/> words (what a text generator would bill by).</summary>
    public string Report(string city, int words)
    {
        var text = new string[words];
        for (var i = 0; i < words; i++)
        {
            text[i] = i == 0 ? city : Skies[Seed(city, i) % Skies.Length];
        }

        return string.Join(' ', text);
    }

    private static int Seed(string city, int day)
    {
        var hash = day;
        foreach (var c in city.ToUpperInvariant())
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & int.MaxValue;
    }
}
