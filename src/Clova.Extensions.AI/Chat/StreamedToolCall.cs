using System.Text;

namespace Clova.Chat;

/// <summary>A tool call being assembled from streamed fragments.</summary>
internal sealed class StreamedToolCall(string id, string name)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public StringBuilder Arguments { get; } = new();
}
