using Clova;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Semantic Kernel's error convention: service failures are <see cref="HttpOperationException"/>s (what its retry
/// filters and users catch), carrying the HTTP status, CLOVA's message as the response content, and the
/// <see cref="ClovaException"/> (code, request id, attempts) as the inner exception.
/// </summary>
internal static class ClovaSemanticKernelErrors
{
    public static HttpOperationException ToHttpOperationException(ClovaException error) =>
        new(error.StatusCode, error.ServiceMessage, error.Message, error);
}
