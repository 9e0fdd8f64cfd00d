namespace Clova.Tests.Infrastructure;

/// <summary>Reads a recorded wire payload from the Payloads folder.</summary>
internal static class Payload
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name));
}
