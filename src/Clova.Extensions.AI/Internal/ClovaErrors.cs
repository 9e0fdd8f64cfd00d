using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Clova.Wire;

namespace Clova.Internal;

/// <summary>Builds <see cref="ClovaException"/>s: every failure the service reports goes through here.</summary>
internal static class ClovaErrors
{
    // An HTML error page from a proxy can be large; a short excerpt is enough to recognise it.
    private const int MaxBodyExcerpt = 200;

    public static ClovaException FromStatus(HttpStatusCode? httpStatus, ClovaStatus? status, string requestId, int receivedCharacters = 0, int attempts = 1, ClovaSecrets? secrets = null)
    {
        if (secrets is not null && status?.Message is { } said)
        {
            status = new ClovaStatus { Code = status.Code, Message = secrets.Redact(said) };
        }

        HttpStatusCode? effective = httpStatus ?? StatusFromErrorCode(status?.Code);
        var text = new StringBuilder("CLOVA Studio request failed: ");
        if (effective is { } code)
        {
            text.Append("HTTP ").Append((int)code).Append(" (").Append(code).Append(')');
        }

        if (status?.Code is { } errorCode)
        {
            text.Append(", status.code ").Append(errorCode);
        }

        text.Append(": ").Append(string.IsNullOrWhiteSpace(status?.Message) ? "no message" : status!.Message);
        text.Append(DescribeReceived(receivedCharacters));
        if (attempts > 1)
        {
            text.Append(". Gave up after ").Append(attempts).Append(" attempts");
        }

        text.Append(". Request id ").Append(requestId).Append('.');
        return new ClovaException(text.ToString(), effective, status?.Code, status?.Message, requestId)
        {
            ReceivedCharacters = receivedCharacters,
            Attempts = attempts,
        };
    }

    /// <summary>Turns a non-success HTTP response into an exception, reading CLOVA's envelope when there is one.</summary>
    public static async Task<ClovaException> FromResponseAsync(HttpResponseMessage response, string requestId, CancellationToken cancellationToken, int attempts = 1, ClovaSecrets? secrets = null)
    {
        byte[] body;
        try
        {
            (body, _) = await ClovaBodyReader.ReadAsync(response.Content, ClovaBodyReader.MaxErrorBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            body = [];
        }

        ClovaStatus? status = TryReadStatus(body);
        if (status is null)
        {
            status = new ClovaStatus { Message = DescribeUnparsedBody(response, body, secrets ?? ClovaSecrets.None) };
        }

        return FromStatus(response.StatusCode, status, requestId, attempts: attempts, secrets: secrets);
    }

    /// <summary>
    /// The failure a caller sees once retries are over: a <see cref="ClovaException"/> with the true attempt count,
    /// the endpoint host and the elapsed time; a transport failure is wrapped, not rethrown bare.
    /// </summary>
    public static ClovaException Final(Exception failure, string requestId, int attempts, string host, TimeSpan elapsed, ClovaSecrets? secrets = null)
    {
        secrets ??= ClovaSecrets.None;
        if (failure is ClovaException clova)
        {
            string message = attempts > 1 && clova.Attempts != attempts && !clova.Message.Contains(" attempts", StringComparison.Ordinal)
                ? $"{clova.Message} Gave up after {attempts} attempts."
                : clova.Message;
            return new ClovaException(message, clova.StatusCode, clova.ErrorCode, clova.ServiceMessage, clova.RequestId ?? requestId, clova.InnerException)
            {
                ReceivedCharacters = clova.ReceivedCharacters,
                Attempts = Math.Max(attempts, clova.Attempts),
                IsTransient = clova.IsTransient,
                EndpointHost = host,
                Elapsed = elapsed,
            };
        }

        string seconds = elapsed.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        string tries = attempts > 1 ? $" Gave up after {attempts} attempts in {seconds} s." : $" Failed after {seconds} s.";
        return new ClovaException(
            $"CLOVA Studio could not be reached at {host}: {secrets.Redact(failure.Message)?.TrimEnd('.')}.{tries} Request id {requestId}.", null, null, null, requestId, secrets.Scrub(failure))
        {
            Attempts = Math.Max(attempts, 1),
            IsTransient = true,
            EndpointHost = host,
            Elapsed = elapsed,
        };
    }

    /// <summary>A failure after the exchange had started (mid-stream), given the exchange's attempts, host and time.</summary>
    public static ClovaException WithContext(ClovaException error, int attempts, string host, TimeSpan elapsed) =>
        new(error.Message, error.StatusCode, error.ErrorCode, error.ServiceMessage, error.RequestId, error.InnerException)
        {
            ReceivedCharacters = error.ReceivedCharacters,
            Attempts = Math.Max(attempts, error.Attempts),
            IsTransient = error.IsTransient,
            EndpointHost = host,
            Elapsed = elapsed,
            InputIndex = error.InputIndex,
        };

    /// <summary>The failure of one input of a multi-input call, saying which one; everything else is kept.</summary>
    public static ClovaException ForInput(ClovaException failure, int index, int count) =>
        new(
            // Only a refusal of the text itself (empty, too long, invalid) is the input's fault; a key, model, rate
            // limit or outage merely happened while that input was in flight.
            failure.ErrorCode is "40001" or "40003" or "40004"
                ? $"Input {index} of {count} failed: {failure.Message}"
                : $"{failure.Message} (while sending input {index} of {count})",
            failure.StatusCode,
            failure.ErrorCode,
            failure.ServiceMessage,
            failure.RequestId,
            failure)
        {
            ReceivedCharacters = failure.ReceivedCharacters,
            Attempts = failure.Attempts,
            IsTransient = failure.IsTransient,
            EndpointHost = failure.EndpointHost,
            Elapsed = failure.Elapsed,
            InputIndex = index,
        };

    public static ClovaException Protocol(string what, string requestId, Exception? inner = null, int receivedCharacters = 0, bool transient = false) =>
        new($"CLOVA Studio sent a response the connector cannot read: {what}{DescribeReceived(receivedCharacters)}. Request id {requestId}.", null, null, null, requestId, inner)
        {
            ReceivedCharacters = receivedCharacters,
            IsTransient = transient,
        };

    private static string DescribeReceived(int receivedCharacters) =>
        receivedCharacters > 0 ? $". The stream failed after {receivedCharacters} characters of output had been delivered" : "";

    /// <summary>42901 → 429: CLOVA codes start with the HTTP status they stand for.</summary>
    public static HttpStatusCode? StatusFromErrorCode(string? errorCode) =>
        errorCode is { Length: 5 } && int.TryParse(errorCode.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int status) && status is >= 100 and < 600
            ? (HttpStatusCode)status
            : null;

    /// <summary>CLOVA's <c>status.code</c> in an error body, or null when the body is not CLOVA's envelope.</summary>
    public static string? TryReadCode(byte[] body) => TryReadStatus(body)?.Code;

    private static ClovaStatus? TryReadStatus(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, ClovaJson.Context.ClovaErrorEvent)?.Status;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string DescribeUnparsedBody(HttpResponseMessage response, byte[] body, ClovaSecrets secrets)
    {
        string reason = response.ReasonPhrase ?? response.StatusCode.ToString();
        if (body.Length == 0)
        {
            return $"{reason} (empty body)";
        }

        // The whole (bounded) body is redacted before it is cut, so a key straddling the cut cannot leak in part.
        string excerpt = secrets.Redact(Encoding.UTF8.GetString(body))!;
        if (excerpt.Length > MaxBodyExcerpt)
        {
            excerpt = excerpt[..MaxBodyExcerpt] + "…";
        }

        string mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
        return $"{reason} (not a CLOVA envelope, {mediaType}: {excerpt.ReplaceLineEndings(" ")})";
    }
}
