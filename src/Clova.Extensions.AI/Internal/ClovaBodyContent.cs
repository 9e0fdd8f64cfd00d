using System.Net;

namespace Clova.Internal;

/// <summary>
/// The JSON content of one attempt: writes a <see cref="ClovaRequestBody"/> under a lease, so the bytes cannot be
/// returned to the pool while a handler is still sending them, and refuses to write a body already given back.
/// </summary>
internal sealed class ClovaBodyContent : HttpContent
{
    private readonly ClovaRequestBody _body;

    public ClovaBodyContent(ClovaRequestBody body)
    {
        _body = body;
        Headers.ContentType = ClovaTransport.JsonContentType;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Acquire();
        try
        {
            await stream.WriteAsync(_body.Memory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _body.Release();
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Acquire();
        try
        {
            stream.Write(_body.Memory.Span);
        }
        finally
        {
            _body.Release();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }

    private void Acquire()
    {
        if (!_body.TryAcquire())
        {
            // A handler that keeps a request past its call (and resends it) must not send a reused buffer.
            throw new ObjectDisposedException(nameof(ClovaBodyContent), "The request body was written after its CLOVA call had ended.");
        }
    }
}
