using System.Text.Json;

namespace Clova.Wire;

/// <summary>
/// The function part of a tool call. <c>arguments</c> is a JSON OBJECT (not a string, unlike OpenAI) in
/// responses and in requests; while streaming, fragments of it arrive as <c>partialJson</c> text.
/// </summary>
internal sealed class ClovaFunctionCall
{
    public string? Name { get; set; }

    public JsonElement? Arguments { get; set; }

    public string? PartialJson { get; set; }
}
