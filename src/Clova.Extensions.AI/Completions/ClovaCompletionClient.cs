using Clova.Completions;
using Clova.Internal;
using Clova.Requests;
using Clova.Wire;

namespace Clova;

/// <summary>
/// A client for the legacy LK completion models (<c>POST /v1/completions/{model}</c>: LK-D2, LK-B), from
/// <see cref="ClovaClient.GetCompletionClient"/>. Thread-safe; shares its <see cref="ClovaClient"/>'s transport.
/// </summary>
public sealed class ClovaCompletionClient
{
    private readonly ClovaTransport _transport;

    internal ClovaCompletionClient(ClovaTransport transport, string modelId)
    {
        _transport = transport;
        ModelId = modelId;
    }

    /// <summary>Gets the model, such as <c>LK-D2</c>.</summary>
    public string ModelId { get; }

    /// <summary>Completes a prompt with the service's defaults.</summary>
    /// <param name="text">The prompt.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The completion.</returns>
    public Task<ClovaCompletionResult> CompleteAsync(string text, CancellationToken cancellationToken = default) =>
        CompleteAsync(new ClovaCompletionRequest { Text = text }, cancellationToken);

    /// <summary>Completes a prompt.</summary>
    /// <param name="request">The prompt and settings; validated before sending.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The completion.</returns>
    /// <exception cref="ArgumentException">A setting is out of its documented range.</exception>
    /// <exception cref="ClovaException">The service refused or failed the request.</exception>
    public async Task<ClovaCompletionResult> CompleteAsync(ClovaCompletionRequest request, CancellationToken cancellationToken = default)
    {
        byte[] body = ClovaRequestWriter.ToUtf8(ClovaRequestBuilder.ForCompletion(request));
        string requestId = ClovaTransport.NewRequestId();
        ClovaLkResult result = await _transport.PostJsonAsync(
            ClovaApiPaths.Completions(ModelId), body, ClovaJson.Context.ClovaLkResult, requestId, cancellationToken).ConfigureAwait(false);
        try
        {
            ClovaWireChecks.Count(result.InputLength, "inputLength");
            ClovaWireChecks.Count(result.OutputLength, "outputLength");
            ClovaWireChecks.Count(result.StartLength, "startLength");
            ClovaWireChecks.NoNulls(result.AiFilter, "aiFilter");

            // The public lists are of non-null strings; a null token would surface as a crash in the caller's code.
            ClovaWireChecks.NoNulls(result.InputTokens, "inputTokens");
            ClovaWireChecks.NoNulls(result.OutputTokens, "outputTokens");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ClovaErrors.Protocol(e.Message, requestId, e);
        }

        return CompletionMapper.FromClovaLkResult(result, requestId);
    }

    /// <summary>Returns the model; never a key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"ClovaCompletionClient {{ Model = {ModelId}, Endpoint = {_transport.Endpoint} }}";
}
