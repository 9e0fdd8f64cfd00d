namespace Clova.Emulator;

/// <summary>
/// A request as the emulator received it, for tests that check exactly what went on the wire: read them from
/// <see cref="ClovaEmulator.Requests"/> or <see cref="ClovaEmulator.LastRequest"/> after the call.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path without the query string, including any app segment (<c>/testapp/v3/…</c>).</param>
/// <param name="Headers">Every header, names in lower case; a header sent several times has its values joined with commas.</param>
/// <param name="Body">The body as received, decoded as UTF-8, so a test can compare it with the exact JSON expected.</param>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>Returns a header's value, or null.</summary>
    /// <param name="name">The header name, any case.</param>
    /// <returns>The value, or null when absent.</returns>
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    /// <summary>
    /// Returns the method, the path, the header names and the body's length: readable in a failed assertion, and
    /// without header values, so the keys a test sent stay out of its logs.
    /// </summary>
    /// <returns>For example <c>POST /v3/chat-completions/HCX-005 (headers: authorization, content-type; body: 120 chars)</c>.</returns>
    public override string ToString() =>
        $"{Method} {Path} (headers: {string.Join(", ", Headers.Keys.Order(StringComparer.Ordinal))}; body: {Body.Length} chars)";
}
