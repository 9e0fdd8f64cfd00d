namespace Clova.Tests.Infrastructure;

/// <summary>One request as <see cref="RawHttpServer"/> read it off the socket.</summary>
/// <param name="Connection">The connection's number, from 1.</param>
/// <param name="RequestLine">The request line, such as <c>POST /v3/chat-completions/HCX-005 HTTP/1.1</c>.</param>
/// <param name="Headers">The headers, by case-insensitive name.</param>
/// <param name="Body">The body as text.</param>
internal sealed record RawHttpRequest(int Connection, string RequestLine, IReadOnlyDictionary<string, string> Headers, string Body);
