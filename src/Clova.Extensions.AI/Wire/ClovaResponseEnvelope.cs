namespace Clova.Wire;

/// <summary>
/// The envelope around every native response: <c>{"status":{…},"result":{…}}</c>. Read by hand around the result's
/// own type info (see <c>ClovaEnvelopeReader.ReadResultAsync</c>), so it needs no metadata of its own.
/// </summary>
internal sealed class ClovaResponseEnvelope<TResult>
    where TResult : class
{
    public ClovaStatus? Status { get; set; }

    public TResult? Result { get; set; }
}
