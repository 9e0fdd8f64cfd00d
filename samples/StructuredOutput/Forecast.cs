/// <summary>The typed answer the model must produce.</summary>
internal sealed record Forecast(string City, int HighCelsius, bool Rain, List<string> Hours);
