using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>Writes <see cref="ClovaToolChoice"/> as a string or as the function object; reads both.</summary>
internal sealed class ClovaToolChoiceConverter : JsonConverter<ClovaToolChoice>
{
    public override ClovaToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString() == "none" ? ClovaToolChoice.None : ClovaToolChoice.Auto;
        }

        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.TryGetProperty("function", out JsonElement function) && function.TryGetProperty("name", out JsonElement name)
            ? ClovaToolChoice.Force(name.GetString() ?? "")
            : throw new JsonException("toolChoice must be \"auto\", \"none\" or {\"type\":\"function\",\"function\":{\"name\":…}}.");
    }

    public override void Write(Utf8JsonWriter writer, ClovaToolChoice value, JsonSerializerOptions options)
    {
        if (value.Mode is not null)
        {
            writer.WriteStringValue(value.Mode);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", "function");
        writer.WriteStartObject("function");
        writer.WriteString("name", value.FunctionName);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
