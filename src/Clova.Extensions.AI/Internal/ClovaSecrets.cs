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

    /// <summary>Never prints a key.</summary>
    public override string ToString() => $"ClovaSecrets {{ {_keys.Length} keys }}";
}
