using System.Text.Json;

namespace Clova.Wire;

/// <summary>A function a tool exposes; <c>parameters</c> is a JSON Schema object cleaned of what CLOVA rejects.</summary>
internal sealed class ClovaFunctionDefinition
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public JsonElement? Parameters { get; set; }
}
