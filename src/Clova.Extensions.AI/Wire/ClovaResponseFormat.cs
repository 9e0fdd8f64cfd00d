using System.Text.Json;

namespace Clova.Wire;

/// <summary><c>responseFormat</c> for structured outputs: <c>{"type":"json","schema":{…}}</c>, both required.</summary>
internal sealed class ClovaResponseFormat
{
    public string Type { get; set; } = "json";

    public JsonElement Schema { get; set; }
}
