namespace Clova.Emulator;

/// <summary>
/// What the emulator does for the next request instead of (or on top of) its normal answer. Queue one with
/// <see cref="ClovaEmulator.Enqueue"/>; each request takes the oldest script, or none. Faults apply to the chat routes.
/// </summary>
public sealed record EmulatorScript
{
    /// <summary>Gets an HTTP status to answer with verbatim, skipping all protocol handling.</summary>
    public int? RawStatus { get; init; }

    /// <summary>Gets the verbatim body that goes with <see cref="RawStatus"/>.</summary>
    public string? RawBody { get; init; }

    /// <summary>Gets the content type of <see cref="RawBody"/>; null sends none.</summary>
    public string? RawContentType { get; init; } = "application/json";

    /// <summary>Gets headers added to a raw response (for example <c>Retry-After</c> or <c>Location</c>).</summary>
    public IReadOnlyDictionary<string, string>? RawHeaders { get; init; }

    /// <summary>Gets the number of token events after which random bytes are sent and the stream ends.</summary>
    public int? GarbageAfterTokens { get; init; }

    /// <summary>Gets whether the stream sends only <c>ping</c> events, forever, until the client leaves.</summary>
    public bool EndlessPings { get; init; }

    /// <summary>Gets replacement answer text; the rest of the reply (usage, events) is derived from it.</summary>
    public string? ReplyContent { get; init; }

    /// <summary>Gets replacement reasoning text (HCX-007).</summary>
    public string? ReplyThinking { get; init; }

    /// <summary>Gets a finish reason to report instead of the computed one.</summary>
    public string? FinishReason { get; init; }

    /// <summary>Gets a delay before the response headers.</summary>
    public TimeSpan DelayBeforeHeaders { get; init; }

    /// <summary>Gets a delay before every streamed event.</summary>
    public TimeSpan DelayPerEvent { get; init; }

    /// <summary>Gets the number of token events after which an <c>error</c> event is sent (HTTP 200 already out).</summary>
    public int? ErrorEventAfterTokens { get; init; }

    /// <summary>Gets the <c>status.code</c> of that error event.</summary>
    public string ErrorCode { get; init; } = "50000";

    /// <summary>Gets the <c>status.message</c> of that error event.</summary>
    public string ErrorMessage { get; init; } = "Internal server error";

    /// <summary>Gets the number of token events after which the connection is aborted.</summary>
    public int? DropConnectionAfterTokens { get; init; }

    /// <summary>Gets the number of token events after which the stream stalls until the client gives up.</summary>
    public int? StallAfterTokens { get; init; }

    /// <summary>Answers with exactly this status and body.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The body, sent as is.</param>
    /// <param name="contentType">The content type, or null for none.</param>
    /// <returns>The script.</returns>
    public static EmulatorScript Raw(int status, string body, string? contentType = "application/json") =>
        new() { RawStatus = status, RawBody = body, RawContentType = contentType };

    /// <summary>
    /// The real 429 of a rate-limited account: <c>{"status":{"code":"42901","message":"Too many requests - rate exceeded"},"result":null}</c>
    /// with <c>x-ratelimit-reset-requests</c> set to <paramref name="resetAfter"/> (for example <c>"6s"</c>).
    /// </summary>
    /// <param name="resetAfter">The reset header's value, or null to send none.</param>
    /// <returns>The script.</returns>
    public static EmulatorScript RateLimited(string? resetAfter = "1s") =>
        Error("42901", "Too many requests - rate exceeded") with
        {
            RawHeaders = resetAfter is null ? null : new Dictionary<string, string> { ["x-ratelimit-reset-requests"] = resetAfter },
        };

    /// <summary>Answers with this exact SSE text and HTTP 200.</summary>
    /// <param name="sse">Events as they go on the wire.</param>
    /// <returns>The script.</returns>
    public static EmulatorScript RawStream(string sse) => Raw(200, sse, "text/event-stream");

    /// <summary>Answers with a CLOVA error envelope; the HTTP status is the code's first three digits.</summary>
    /// <param name="code">The five-digit <c>status.code</c>.</param>
    /// <param name="message">The <c>status.message</c>.</param>
    /// <returns>The script.</returns>
    public static EmulatorScript Error(string code, string message) =>
        Raw(int.Parse(code.AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture), $$"""{"status":{"code":"{{code}}","message":"{{message}}"},"result":null}""");
}
