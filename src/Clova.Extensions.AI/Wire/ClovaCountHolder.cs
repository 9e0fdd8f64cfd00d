namespace Clova.Wire;

/// <summary><c>{"count": n}</c>, as for <c>result.tools</c> and <c>result.responseFormat</c>.</summary>
internal sealed class ClovaCountHolder
{
    public int? Count { get; set; }
}
