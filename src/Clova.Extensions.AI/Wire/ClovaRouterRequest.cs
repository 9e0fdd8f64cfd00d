namespace Clova.Wire;

/// <summary>The router's body: <c>query</c> and the earlier user turns in <c>chatHistory</c>.</summary>
internal sealed class ClovaRouterRequest
{
    public string Query { get; set; } = "";

    public List<ClovaRouterTurn>? ChatHistory { get; set; }
}
