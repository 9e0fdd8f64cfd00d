using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>JSON writing as CLOVA does it: compact, UTF-8 text unescaped.</summary>
internal static class EmulatorJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a node compactly.</summary>
    /// <param name="node">The node.</param>
    /// <returns>Its JSON text.</returns>
    public static string Write(JsonNode node) => node.ToJsonString(Options);

    /// <summary>The envelope of a successful response.</summary>
    /// <param name="result">The <c>result</c> object.</param>
    /// <returns>The envelope.</returns>
    public static JsonObject Ok(JsonNode result) => new()
    {
        ["status"] = new JsonObject { ["code"] = "20000", ["message"] = "OK" },
        ["result"] = result,
    };

    /// <summary>The envelope of a failed response (also the data of an <c>error</c> event, without <c>result</c>).</summary>
    /// <param name="code">The five-digit code.</param>
    /// <param name="message">The message.</param>
    /// <param name="withResult">Whether to add <c>"result": null</c> as HTTP error bodies do.</param>
    /// <returns>The envelope.</returns>
    public static JsonObject Error(string code, string message, bool withResult = true)
    {
        var envelope = new JsonObject { ["status"] = new JsonObject { ["code"] = code, ["message"] = message } };
        if (withResult)
        {
            envelope["result"] = null;
        }

        return envelope;
    }

    /// <summary>Reads a node as a string, leniently: anything but a JSON string is null, for the caller to refuse as it must.</summary>
    /// <param name="node">The node, or null.</param>
    /// <returns>The string, or null.</returns>
    public static string? StringOf(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
