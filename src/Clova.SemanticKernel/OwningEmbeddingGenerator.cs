using Microsoft.Extensions.AI;

namespace Clova.SemanticKernel;

/// <summary>
/// The generator a registration hands out, owning the <see cref="ClovaClient"/> made for it: when the container
/// disposes the generator, the client's HTTP resources go with it.
/// </summary>
internal sealed class OwningEmbeddingGenerator(ClovaClient client, IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            client.Dispose();
        }

        base.Dispose(disposing);
    }
}
