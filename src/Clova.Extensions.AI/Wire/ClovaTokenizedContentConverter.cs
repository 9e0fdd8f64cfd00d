using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>Reads counted content as an array of parts, a single part object, or (v1) a plain string.</summary>
internal sealed class ClovaTokenizedContentConverter : JsonConverter<List<ClovaTokenizedPart>>
{
    public override List<ClovaTokenizedPart>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                var parts = new List<ClovaTokenizedPart>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    // A null part is not a part that counts nothing: its count is unknown, so the total would be wrong.
                    parts.Add(JsonSerializer.Deserialize(ref reader, ClovaJson.Context.ClovaTokenizedPart)
                        ?? throw new JsonException("A counted message's content holds a null part."));
                }

                return parts;
            case JsonTokenType.StartObject:
                return [JsonSerializer.Deserialize(ref reader, ClovaJson.Context.ClovaTokenizedPart)!];
            case JsonTokenType.String:
                return [new ClovaTokenizedPart { Type = "text", Text = reader.GetString() }];
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonException($"Counted content must be an array, an object or a string, not {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, List<ClovaTokenizedPart> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Counted content is only read.");
}
