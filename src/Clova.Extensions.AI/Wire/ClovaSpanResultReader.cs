namespace Clova.Wire;

/// <summary>
/// A hand-written reader for a result the generated metadata reads too slowly (an embedding's 1024 numbers): it is
/// given the whole body and the index of the result's <c>{</c>, and returns the result and the index of its <c>}</c>.
/// </summary>
/// <typeparam name="TResult">The result type.</typeparam>
/// <param name="json">The reply's bytes.</param>
/// <param name="start">The index of the result object's opening brace.</param>
/// <param name="end">The index of the result object's closing brace.</param>
/// <returns>The result read.</returns>
internal delegate TResult ClovaSpanResultReader<TResult>(ReadOnlySpan<byte> json, int start, out int end);
