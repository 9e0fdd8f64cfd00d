namespace Clova.Wire;

/// <summary><c>{"text": …}</c>: the embedding tokenizer (and the embedding APIs).</summary>
internal sealed class ClovaTextRequest
{
    public string Text { get; set; } = "";
}
