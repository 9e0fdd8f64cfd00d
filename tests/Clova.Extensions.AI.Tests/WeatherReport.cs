namespace Clova.Tests;

/// <summary>A typed result for the structured-output tests, as a user would write it.</summary>
public sealed record WeatherReport(string City, int TemperatureCelsius, bool Sunny, string? Note, List<string> Tags);
