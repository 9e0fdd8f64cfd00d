using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>The one serializer context the connector uses.</summary>
internal static class ClovaJson
{
    /// <summary>
    /// The generated context with a relaxed encoder, so Korean and Japanese text is written as UTF-8 rather than
    /// <c>\uXXXX</c> escapes (which triple the body size and make wire logs unreadable). HTML-sensitive
    /// characters need no escaping here: the body is never embedded in a page.
    /// </summary>
    public static ClovaJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    /// <summary>
    /// For caller values of any type (tool arguments, function results): Microsoft.Extensions.AI's defaults, but
    /// compact and with UTF-8 text unescaped, since every space and escape is a billed token.
    /// </summary>
    public static JsonSerializerOptions CallerValues { get; } = CreateCallerValueOptions();

    private static JsonSerializerOptions CreateCallerValueOptions()
    {
        var options = new JsonSerializerOptions(Microsoft.Extensions.AI.AIJsonUtilities.DefaultOptions)
        {
            WriteIndented = false,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }
}
