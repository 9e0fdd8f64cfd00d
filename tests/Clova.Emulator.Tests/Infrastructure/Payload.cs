namespace Clova.Emulator.Tests.Infrastructure;

/// <summary>Reads a recorded wire payload from the Payloads folder (linked from the client tests' copy).</summary>
internal static class Payload
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name));
}
