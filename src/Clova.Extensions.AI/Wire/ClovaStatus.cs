using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary><c>status</c> of an envelope or an <c>error</c> event. The code is a five-digit string.</summary>
internal sealed class ClovaStatus
{
    public const string OkCode = "20000";

    [JsonConverter(typeof(LenientStringConverter))]
    public string? Code { get; set; }

    public string? Message { get; set; }
}
