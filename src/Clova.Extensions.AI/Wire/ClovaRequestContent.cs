using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>
/// Message content, which CLOVA accepts either as a string or as an array of typed parts. Written as a string
/// unless parts are present.
/// </summary>
[JsonConverter(typeof(ClovaRequestContentConverter))]
internal sealed class ClovaRequestContent
{
    public static ClovaRequestContent Empty { get; } = new("");

    public ClovaRequestContent(string text) => Text = text;

    public ClovaRequestContent(List<ClovaContentPart> parts)
    {
        Text = "";
        Parts = parts;
    }

    public string Text { get; }

    public List<ClovaContentPart>? Parts { get; }
}
