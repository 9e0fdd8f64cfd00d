namespace Clova.Wire;

/// <summary>The envelope around every native response: <c>{"status":{…},"result":{…}}</c>.</summary>
internal sealed class ClovaResponseEnvelope<TResult>
    where TResult : class
{
    public ClovaStatus? Status { get; set; }

    public TResult? Result { get; set; }
}
