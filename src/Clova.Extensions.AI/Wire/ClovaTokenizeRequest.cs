namespace Clova.Wire;

/// <summary>The body of <c>POST /v3/api-tools/chat-tokenize/{model}</c>: the countable parts of a v3 chat request.</summary>
internal sealed class ClovaTokenizeRequest
{
    public List<ClovaRequestMessage> Messages { get; set; } = [];

    public List<ClovaTool>? Tools { get; set; }

    public ClovaToolChoice? ToolChoice { get; set; }

    public ClovaResponseFormat? ResponseFormat { get; set; }
}
