namespace Clova.Internal;

/// <summary>
/// The configured keys, so that text the service sends back (an error body that echoes the request headers) can be
/// cleaned of them before it reaches an exception's message, <c>ServiceMessage</c> or <c>ToString()</c>.
/// </summary>
internal sealed class ClovaSecrets(params string?[] keys)
{
    public const string Mask = "[redacted]";

    private readonly string[] _keys = [.. keys.Where(k => !string.IsNullOrEmpty(k)).Select(k => k!)];

    public static ClovaSecrets None { get; } = new();

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (string key in _keys)
        {
            text = text.Replace(key, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Whether any configured key occurs in <paramref name="text"/>.</summary>
    public bool AppearsIn(string? text) => !string.IsNullOrEmpty(text) && _keys.Any(k => text.Contains(k, StringComparison.Ordinal));

    /// <summary>
    /// A transport failure fit to travel as an inner exception: itself when no key occurs anywhere in it, otherwise a
    /// stand-in of the same kind (<see cref="HttpRequestException"/> with its error and status) whose message is
    /// redacted and whose own inner exceptions, which could repeat the key, are withheld.
    /// </summary>
    public Exception Scrub(Exception failure) =>
        !AppearsIn(failure.ToString())
            ? failure
            : new HttpRequestException(
                (failure as HttpRequestException)?.HttpRequestError ?? HttpRequestError.Unknown,
                $"{Redact(failure.Message)} (details withheld: they repeated a configured key)",
                null,
                (failure as HttpRequestException)?.StatusCode);

    /// <summary>Never prints a key.</summary>
    public override string ToString() => $"ClovaSecrets {{ {_keys.Length} keys }}";
}
