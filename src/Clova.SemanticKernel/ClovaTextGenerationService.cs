using System.Runtime.CompilerServices;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Services;
using Microsoft.SemanticKernel.TextGeneration;

namespace Clova.SemanticKernel;

/// <summary>
/// Semantic Kernel's <see cref="ITextGenerationService"/> over the legacy LK completion models (LK-D2, LK-B).
/// LK does not stream, so streaming yields the whole completion as one chunk.
/// </summary>
public sealed class ClovaTextGenerationService : ITextGenerationService
{
    private readonly ClovaCompletionClient _client;
    private readonly Dictionary<string, object?> _attributes;

    /// <summary>Initializes the service for an LK model.</summary>
    /// <param name="clova">The CLOVA client.</param>
    /// <param name="modelId">The model, such as <c>LK-D2</c>.</param>
    public ClovaTextGenerationService(ClovaClient clova, string modelId)
    {
        ArgumentNullException.ThrowIfNull(clova);
        _client = clova.GetCompletionClient(modelId);
        _attributes = new Dictionary<string, object?>
        {
            [AIServiceExtensions.ModelIdKey] = modelId,
            [AIServiceExtensions.EndpointKey] = clova.Endpoint.ToString(),
        };
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> Attributes => _attributes;

    /// <inheritdoc />
    public async Task<IReadOnlyList<TextContent>> GetTextContentsAsync(string prompt, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        ClovaCompletionResult result = await CompleteAsync(prompt, executionSettings, cancellationToken).ConfigureAwait(false);
        return [new TextContent(result.OutputText, _client.ModelId, result, metadata: Metadata(result))];
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StreamingTextContent> GetStreamingTextContentsAsync(string prompt, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ClovaCompletionResult result = await CompleteAsync(prompt, executionSettings, cancellationToken).ConfigureAwait(false);
        yield return new StreamingTextContent(result.OutputText, modelId: _client.ModelId, innerContent: result, metadata: Metadata(result));
    }

    private async Task<ClovaCompletionResult> CompleteAsync(string prompt, PromptExecutionSettings? executionSettings, CancellationToken cancellationToken)
    {
        ClovaPromptExecutionSettings settings = ClovaPromptExecutionSettings.FromExecutionSettings(executionSettings);
        try
        {
            return await _client.CompleteAsync(
            new ClovaCompletionRequest
            {
                Text = prompt,
                MaxTokens = settings.MaxTokens,
                Temperature = settings.Temperature,
                TopP = settings.TopP,
                TopK = settings.TopK,
                StopBefore = settings.StopSequences,
                IncludeAiFilters = settings.IncludeAiFilters,
            },
            cancellationToken).ConfigureAwait(false);
        }
        catch (ClovaException e)
        {
            throw ClovaSemanticKernelErrors.ToHttpOperationException(e);
        }
    }

    private static Dictionary<string, object?> Metadata(ClovaCompletionResult result) => new()
    {
        [ClovaMetadataKeys.FinishReason] = result.StopReason,
        [ClovaMetadataKeys.AiFilter] = result.AiFilter,
        [ClovaMetadataKeys.RequestId] = result.RequestId,
    };
}
