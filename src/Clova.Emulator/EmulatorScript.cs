namespace Clova.Emulator;

/// <summary>
/// What the emulator does for one request instead of, or on top of, its normal answer. Queue one with
/// <see cref="ClovaEmulator.Enqueue"/>; each request, whatever its route, takes the oldest queued script, or none.
/// </summary>
/// <remarks>
/// <para>
/// A raw answer (<see cref="Raw"/>, <see cref="RawStream"/>, <see cref="Error"/>, <see cref="RateLimited"/>) works on
/// every route and skips everything else, credentials included. The other settings apply to the chat routes (v1
/// and v3, models and tasks) and only to a request the emulator accepts; the stream faults apply to streaming
/// calls (<c>Accept: text/event-stream</c>). Every
/// <c>…AfterTokens</c> count is a number of <c>token</c> events already sent: 0 means before the first.
/// </para>
/// <para>
/// Scripts are records: start from a factory and adjust with <c>with</c>, for example
/// <c>EmulatorScript.Error("50000", "Internal server error") with { DelayBeforeHeaders = TimeSpan.FromSeconds(1) }</c>,
/// or set properties directly: <c>new EmulatorScript { ErrorEventAfterTokens = 3, ErrorCode = "42901" }</c>.
/// </para>
/// </remarks>
public sealed record EmulatorScript
{
    /// <summary>Gets an HTTP status to answer with verbatim, on any route, skipping all protocol handling (credentials included).</summary>
    public int? RawStatus { get; init; }

    /// <summary>Gets the verbatim body that goes with <see cref="RawStatus"/>.</summary>
    public string? RawBody { get; init; }

    /// <summary>Gets the content type of <see cref="RawBody"/>; null sends none.</summary>
    public string? RawContentType { get; init; } = "application/json";

    /// <summary>Gets headers added to a raw response (for example <c>Retry-After</c> or <c>Location</c>); ignored without <see cref="RawStatus"/>.</summary>
    public IReadOnlyDictionary<string, string>? RawHeaders { get; init; }

    /// <summary>Gets the number of token events after which 4 KB of random bytes are sent and the stream ends (streaming only).</summary>
    public int? GarbageAfterTokens { get; init; }

    /// <summary>Gets whether the stream sends only <c>ping</c> events, every 50 ms, until the client leaves (streaming only).</summary>
    public bool EndlessPings { get; init; }

    /// <summary>
    /// Gets replacement answer text; the rest of the reply (token events, usage, AI filters) is derived from it, and
    /// stop strings and the output limit still cut it. Ignored when the emulator answers with a tool call.
    /// </summary>
    public string? ReplyContent { get; init; }

    /// <summary>Gets replacement reasoning text, used only when the model is thinking (HCX-007 with an effort other than none).</summary>
    public string? ReplyThinking { get; init; }

    /// <summary>
    /// Gets a finish reason to report instead of the computed one (v3 <c>finishReason</c>; on v1 <c>length</c> and
    /// <c>stop</c> become <c>stopReason</c> values, anything else is sent as it is).
    /// </summary>
    public string? FinishReason { get; init; }

    /// <summary>Gets a delay before the response headers, on the chat routes and before a raw answer.</summary>
    public TimeSpan DelayBeforeHeaders { get; init; }

    /// <summary>Gets a delay before every streamed <c>token</c> event (streaming only).</summary>
    public TimeSpan DelayPerEvent { get; init; }

    /// <summary>
    /// Gets the number of token events after which an <c>error</c> event with <see cref="ErrorCode"/> and
    /// <see cref="ErrorMessage"/> ends the stream, HTTP 200 being already sent; a number beyond the reply's tokens sends
    /// it in place of the <c>result</c> event (streaming only).
    /// </summary>
    public int? ErrorEventAfterTokens { get; init; }

    /// <summary>Gets the <c>status.code</c> of the <see cref="ErrorEventAfterTokens"/> event.</summary>
    public string ErrorCode { get; init; } = "50000";

    /// <summary>Gets the <c>status.message</c> of the <see cref="ErrorEventAfterTokens"/> event.</summary>
    public string ErrorMessage { get; init; } = "Internal server error";

    /// <summary>
    /// Gets the number of token events after which the connection is reset (a number beyond the reply's tokens resets
    /// it in place of the <c>result</c> event). On a non-streaming v3 call any value resets it before the answer.
    /// </summary>
    public int? DropConnectionAfterTokens { get; init; }

    /// <summary>
    /// Gets the number of token events after which the stream stalls until the client gives up (only if the reply has
    /// more tokens than that). On a non-streaming v3 call any value stalls before the answer.
    /// </summary>
    public int? StallAfterTokens { get; init; }

    /// <summary>Answers with exactly this status and body, on any route.</summary>
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

    /// <summary>Answers with this exact SSE text and HTTP 200, for events the emulator would never send itself.</summary>
    /// <param name="sse">Events as they go on the wire, for example <c>"id: 1\nevent: token\ndata: {…}\n\n"</c>.</param>
    /// <returns>The script.</returns>
    public static EmulatorScript RawStream(string sse) => Raw(200, sse, "text/event-stream");

    /// <summary>
    /// Answers with a CLOVA error envelope (<c>{"status":{"code","message"},"result":null}</c>); the HTTP status is the
    /// code's first three digits, as the service's are.
    /// </summary>
    /// <param name="code">The five-digit <c>status.code</c>.</param>
    /// <param name="message">The <c>status.message</c>.</param>
    /// <returns>The script.</returns>
    public static EmulatorScript Error(string code, string message) =>
        Raw(int.Parse(code.AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture), $$"""{"status":{"code":"{{code}}","message":"{{message}}"},"result":null}""");
}
