using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>Source-generated metadata for every wire type, so no reflection is used (trimming and AOT safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<ClovaTool>))]
[JsonSerializable(typeof(ClovaToolChoice))]
[JsonSerializable(typeof(ClovaResponseFormat))]
[JsonSerializable(typeof(ClovaTokenizeRequest))]
[JsonSerializable(typeof(ClovaTokenizedPart))]
[JsonSerializable(typeof(ClovaV1MessagesRequest))]
[JsonSerializable(typeof(ClovaTextRequest))]
[JsonSerializable(typeof(List<ClovaRequestMessage>))]
[JsonSerializable(typeof(ClovaRequestMessage))]
[JsonSerializable(typeof(ClovaContentPart))]
[JsonSerializable(typeof(ClovaChatResult))]
[JsonSerializable(typeof(ClovaUsage))]
[JsonSerializable(typeof(List<ClovaAiFilter>))]
[JsonSerializable(typeof(List<ClovaToolCall>))]
[JsonSerializable(typeof(ClovaErrorEvent))]
[JsonSerializable(typeof(ClovaStatus))]
[JsonSerializable(typeof(ClovaLkResult))]
[JsonSerializable(typeof(ClovaTokenizeResult))]
[JsonSerializable(typeof(ClovaMessagesResult))]
[JsonSerializable(typeof(ClovaNumTokensResult))]
[JsonSerializable(typeof(ClovaEmbeddingResult))]
[JsonSerializable(typeof(ClovaRerankRequest))]
[JsonSerializable(typeof(ClovaRerankResult))]
[JsonSerializable(typeof(ClovaSummarizationRequest))]
[JsonSerializable(typeof(ClovaSummaryResult))]
[JsonSerializable(typeof(ClovaSegmentationRequest))]
[JsonSerializable(typeof(ClovaSegmentationResult))]
[JsonSerializable(typeof(ClovaRouterRequest))]
[JsonSerializable(typeof(ClovaRouterResult))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
internal sealed partial class ClovaJsonContext : JsonSerializerContext;
