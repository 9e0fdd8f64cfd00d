namespace Clova.Wire;

/// <summary>The holder of an image address: <c>{"url":"https://…"}</c>.</summary>
internal sealed class ClovaImageUrl
{
    public string Url { get; set; } = "";
}
