namespace Clova.Internal;

/// <summary>An API path from <see cref="ClovaApiPaths"/> and the low-cardinality label logs and metrics use for it (the model, or the tool).</summary>
/// <param name="Path">The path relative to the endpoint (and the optional app segment), ids escaped.</param>
/// <param name="Label">The model id, or the tool's name (<c>reranker</c>, <c>task</c>…): never a task id or an app id.</param>
internal readonly record struct ClovaApiPath(string Path, string Label)
{
    /// <summary>Returns the path.</summary>
    public override string ToString() => Path;
}
