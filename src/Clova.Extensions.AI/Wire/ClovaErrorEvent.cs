namespace Clova.Wire;

/// <summary>The data of an SSE <c>error</c> event, and the body of an HTTP error.</summary>
internal sealed class ClovaErrorEvent
{
    public ClovaStatus? Status { get; set; }
}
