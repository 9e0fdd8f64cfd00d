namespace Clova.Emulator;

/// <summary>A request as the emulator received it, for tests that check exactly what went on the wire.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, including any app segment.</param>
/// <param name="Headers">Every header, names in lower case.</param>
/// <param name="Body">The body as received (UTF-8).</param>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>Returns a header's value, or null.</summary>
    /// <param name="name">The header name, any case.</param>
    /// <returns>The value, or null when absent.</returns>
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());
}
