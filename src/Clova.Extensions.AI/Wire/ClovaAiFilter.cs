using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>One <c>aiFilter[]</c> item. The score is documented as a string; numbers are tolerated.</summary>
internal sealed class ClovaAiFilter
{
    public string? GroupName { get; set; }

    public string? Name { get; set; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? Score { get; set; }

    public string? Result { get; set; }
}
