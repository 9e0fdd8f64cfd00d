using System.Net;

namespace Clova;

/// <summary>
/// The one exception type for every failure reported by CLOVA Studio: an HTTP error, an error envelope in a
/// 200 response, an <c>error</c> event in the middle of a stream, or a response that cannot be understood.
/// </summary>
/// <remarks>
/// <see cref="HttpRequestException.StatusCode"/> carries the HTTP status. For an <c>error</c> event that arrives
/// after the 200 headers, it is derived from the first three digits of <see cref="ErrorCode"/> (for example
/// <c>42901</c> gives 429), so retry logic sees a mid-stream rate limit the same way as an HTTP one.
/// </remarks>
public sealed class ClovaException : HttpRequestException
{
    /// <summary>Initializes a new instance of the <see cref="ClovaException"/> class.</summary>
    /// <param name="message">The full, human-readable message.</param>
    /// <param name="statusCode">The HTTP status, or the status implied by <paramref name="errorCode"/>.</param>
    /// <param name="errorCode">CLOVA's five-digit <c>status.code</c>, when the service sent one.</param>
    /// <param name="serviceMessage">CLOVA's <c>status.message</c>, when the service sent one.</param>
    /// <param name="requestId">The <c>X-NCP-CLOVASTUDIO-REQUEST-ID</c> the connector sent.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ClovaException(
        string message,
        HttpStatusCode? statusCode,
        string? errorCode,
        string? serviceMessage,
        string? requestId,
        Exception? innerException = null)
        : base(message, innerException, statusCode)
    {
        ErrorCode = errorCode;
        ServiceMessage = serviceMessage;
        RequestId = requestId;
    }

    /// <summary>Gets CLOVA's five-digit <c>status.code</c> (for example <c>"42901"</c>), or null when none was sent.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets CLOVA's <c>status.message</c>, or null when none was sent.</summary>
    public string? ServiceMessage { get; }

    /// <summary>Gets the request id the connector sent, to quote to NAVER support.</summary>
    public string? RequestId { get; }

    /// <summary>
    /// Gets, for a failure in the middle of a stream, how many text and reasoning characters had already been
    /// handed to the caller; zero when the failure came before any output.
    /// </summary>
    public int ReceivedCharacters { get; init; }

    /// <summary>Gets how many attempts were made before this failure was reported (1 when it was not retried).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Gets the host the request went to (never a key or a path with ids), when the transport knew it.</summary>
    public string? EndpointHost { get; init; }

    /// <summary>Gets how long the exchange took, all attempts and waits included, when the transport measured it.</summary>
    public TimeSpan? Elapsed { get; init; }

    /// <summary>
    /// Gets, for a call over several inputs (embeddings), the 0-based index of the input whose request failed; null
    /// for a single-input call.
    /// </summary>
    public int? InputIndex { get; init; }

    /// <summary>Gets whether the failure is of the passing kind (a broken connection, a stream cut before any output).</summary>
    internal bool IsTransient { get; init; }
}
