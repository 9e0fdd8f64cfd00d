namespace Clova.Tests.Infrastructure;

/// <summary>Server-sent events as CLOVA writes them, for scripted and replayed streams.</summary>
internal static class Sse
{
    /// <summary>One event: an <c>event:</c> line, a <c>data:</c> line and the blank line that ends it.</summary>
    /// <param name="name">The event name: <c>token</c>, <c>result</c>, <c>error</c>, <c>signal</c> or any other.</param>
    /// <param name="data">The data line's text, usually JSON.</param>
    /// <returns>The event's text.</returns>
    public static string Event(string name, string data) => $"event: {name}\ndata: {data}\n\n";
}
