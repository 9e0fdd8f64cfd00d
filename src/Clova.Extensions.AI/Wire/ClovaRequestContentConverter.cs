using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>Writes content as a JSON string or an array of parts; reads either form back.</summary>
internal sealed class ClovaRequestContentConverter : JsonConverter<ClovaRequestContent>
{
    public override ClovaRequestContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new ClovaRequestContent(reader.GetString() ?? "");
            case JsonTokenType.StartArray:
                var parts = new List<ClovaContentPart>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    parts.Add(JsonSerializer.Deserialize(ref reader, ClovaJson.Context.ClovaContentPart) ?? new ClovaContentPart());
                }

                return new ClovaRequestContent(parts);
            case JsonTokenType.Null:
                return ClovaRequestContent.Empty;
            default:
                throw new JsonException($"Message content must be a string or an array, not {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, ClovaRequestContent value, JsonSerializerOptions options)
    {
        if (value.Parts is null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }

        writer.WriteStartArray();
        foreach (ClovaContentPart part in value.Parts)
        {
            JsonSerializer.Serialize(writer, part, ClovaJson.Context.ClovaContentPart);
        }

        writer.WriteEndArray();
    }
}
