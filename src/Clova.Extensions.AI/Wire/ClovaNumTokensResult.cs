namespace Clova.Wire;

/// <summary>The <c>result</c> of the embedding-v2 tokenizer: <c>{"numTokens": n}</c>.</summary>
internal sealed class ClovaNumTokensResult
{
    public int? NumTokens { get; set; }
}
