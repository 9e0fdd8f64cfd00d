namespace Clova.Emulator.Protocol;

/// <summary>
/// A documented CLOVA error: HTTP status and five-digit <c>status.code</c> agree (40001 → 400, 42901 → 429).
/// Thrown by validation and turned into the error envelope by the endpoint.
/// </summary>
internal sealed class ClovaApiError : Exception
{
    /// <summary>Initializes a new error.</summary>
    /// <param name="code">The five-digit <c>status.code</c>.</param>
    /// <param name="message">The <c>status.message</c>.</param>
    public ClovaApiError(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Gets the five-digit <c>status.code</c>.</summary>
    public string Code { get; }

    /// <summary>Gets the HTTP status, the first three digits of <see cref="Code"/>.</summary>
    public int HttpStatus => int.Parse(Code.AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture);
}
