namespace Clova.Chat;

/// <summary>A chat call ready to send: mapped, checked and serialized before any request or enumeration.</summary>
/// <param name="RequestId">The request id sent on every attempt; also the response and message id.</param>
/// <param name="ModelId">The model or task id answered for.</param>
/// <param name="ApiPath">The API path (see <see cref="Internal.ClovaApiPaths"/>).</param>
/// <param name="Body">The UTF-8 JSON body: rented for a non-streaming call (which gives it back), a plain array for a stream, which may be enumerated again.</param>
/// <param name="IncludeReasoning">Whether reasoning text is surfaced (<c>ReasoningOutput.None</c> hides it).</param>
internal sealed record PreparedChatRequest(string RequestId, string ModelId, Internal.ClovaApiPath ApiPath, Internal.ClovaRequestBody Body, bool IncludeReasoning);
