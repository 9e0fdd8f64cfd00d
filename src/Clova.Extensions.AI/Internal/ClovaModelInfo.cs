using Clova.Requests;

namespace Clova.Internal;

/// <summary>What the connector knows about one model: the capabilities the parameter table and the rule book read.</summary>
/// <param name="Name">The model id as used in paths.</param>
/// <param name="IsKnown">False for a model the catalogue has never heard of; its limits are then not checked.</param>
/// <param name="SupportsThinking">Whether <c>thinking</c> may be sent (HCX-007).</param>
/// <param name="UsesMaxCompletionTokens">Whether output length goes in <c>maxCompletionTokens</c> instead of <c>maxTokens</c> (v3).</param>
/// <param name="MaxOutputTokens">The largest output limit the model accepts, or null when unknown.</param>
/// <param name="ContextWindow">Input plus output tokens, or null when unknown.</param>
/// <param name="SupportsTools">Whether function calling is available.</param>
/// <param name="SupportsImages">Whether image parts are accepted (HCX-005).</param>
/// <param name="SupportsStructuredOutputs">Whether <c>responseFormat</c> is accepted (HCX-007).</param>
/// <param name="DefaultApi">The chat API the model is used with unless the caller chooses.</param>
internal sealed record ClovaModelInfo(
    string Name,
    bool IsKnown,
    bool SupportsThinking,
    bool UsesMaxCompletionTokens,
    int? MaxOutputTokens,
    int? ContextWindow,
    bool SupportsTools = true,
    bool SupportsImages = true,
    bool SupportsStructuredOutputs = true,
    ClovaApiVersion DefaultApi = ClovaApiVersion.V3)
{
    /// <summary>Whether the model has <paramref name="capability"/>; an unknown model is given the benefit of the doubt.</summary>
    public bool Has(ClovaCapability capability) => capability switch
    {
        ClovaCapability.None => true,
        ClovaCapability.Thinking => SupportsThinking,
        ClovaCapability.Tools => SupportsTools,
        ClovaCapability.StructuredOutputs => SupportsStructuredOutputs,
        ClovaCapability.Images => SupportsImages,
        _ => false,
    };

    /// <summary>The dialect a chat request to this model speaks over <paramref name="version"/> (Auto follows the model).</summary>
    public ClovaDialect ChatDialect(ClovaApiVersion version) =>
        (version == ClovaApiVersion.Auto ? DefaultApi : version) == ClovaApiVersion.V1 ? ClovaDialect.V1Chat : ClovaDialect.V3Chat;
}
