using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>
/// Reads a request body and its top-level fields, the same way on every route: the body must be a JSON object
/// (40000), every field must be one the route documents (40002, so a misspelt field in a client cannot pass
/// unnoticed), and a value of the wrong type or out of range is 40001 naming the field.
/// </summary>
internal static class RequestBody
{
    /// <summary>Parses a body as a JSON object whose fields are all documented.</summary>
    /// <param name="body">The raw body.</param>
    /// <param name="fields">The route's documented top-level fields.</param>
    /// <returns>The object.</returns>
    public static JsonObject Parse(string body, HashSet<string> fields)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject ?? throw new ClovaApiError("40000", "Bad request: the body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new ClovaApiError("40000", $"Bad request: invalid JSON ({e.Message})");
        }

        foreach (KeyValuePair<string, JsonNode?> field in root)
        {
            if (!fields.Contains(field.Key))
            {
                throw new ClovaApiError("40002", $"Unsupported parameter: {field.Key}");
            }
        }

        return root;
    }

    /// <summary>
    /// Checks the sampling fields the v1 routes share (v1 chat and LK completions): <c>temperature</c> and
    /// <c>topP</c> in (0, 1], <c>repeatPenalty</c> in (0, 10], <c>topK</c> in 0..128.
    /// </summary>
    /// <param name="root">The request object.</param>
    public static void CheckV1Sampling(JsonObject root)
    {
        Number(root, "temperature", 0, 1, minInclusive: false);
        Number(root, "topP", 0, 1, minInclusive: false);
        Number(root, "repeatPenalty", 0, 10, minInclusive: false);
        Long(root, "topK", 0, 128);
    }

    /// <summary>Checks an optional number against its range.</summary>
    /// <param name="root">The request object.</param>
    /// <param name="name">The field.</param>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound (inclusive).</param>
    /// <param name="minInclusive">Whether <paramref name="min"/> itself is allowed.</param>
    public static void Number(JsonObject root, string name, double min, double max, bool minInclusive)
    {
        if (root[name] is not { } node)
        {
            return;
        }

        double value = node is JsonValue v && v.TryGetValue(out double d) ? d : throw new ClovaApiError("40001", $"Invalid parameter: {name} must be a number");
        if ((minInclusive ? value < min : value <= min) || value > max)
        {
            throw new ClovaApiError("40001", $"Invalid parameter: {name} out of range");
        }
    }

    /// <summary>Reads an optional integer within an inclusive range.</summary>
    /// <param name="root">The request object.</param>
    /// <param name="name">The field.</param>
    /// <param name="min">The smallest allowed value.</param>
    /// <param name="max">The largest allowed value.</param>
    /// <returns>The value, or null when absent.</returns>
    public static long? Long(JsonObject root, string name, long min, long max)
    {
        if (root[name] is not { } node)
        {
            return null;
        }

        long value = node is JsonValue v && v.TryGetValue(out long l) ? l : throw new ClovaApiError("40001", $"Invalid parameter: {name} must be an integer");
        return value < min || value > max ? throw new ClovaApiError("40001", $"Invalid parameter: {name} out of range") : value;
    }

    /// <summary>Reads an optional boolean.</summary>
    /// <param name="root">The request object.</param>
    /// <param name="name">The field.</param>
    /// <returns>The value, or null when absent.</returns>
    public static bool? Boolean(JsonObject root, string name) =>
        root[name] switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out bool b) => b,
            _ => throw new ClovaApiError("40001", $"Invalid parameter: {name} must be a boolean"),
        };

    /// <summary>Reads an optional string.</summary>
    /// <param name="root">The request object.</param>
    /// <param name="name">The field.</param>
    /// <returns>The value, or "" when absent.</returns>
    public static string String(JsonObject root, string name) =>
        root[name] switch
        {
            null => "",
            JsonValue v when v.TryGetValue(out string? s) => s,
            _ => throw new ClovaApiError("40001", $"Invalid parameter: {name} must be a string"),
        };

    /// <summary>Reads the text a tool works on: anything but a non-empty string is 40004, as CLOVA answers an empty text.</summary>
    /// <param name="root">The request object.</param>
    /// <param name="name">The field, such as <c>text</c>.</param>
    /// <returns>The text.</returns>
    public static string RequiredText(JsonObject root, string name) =>
        root[name] is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0 ? s : throw new ClovaApiError("40004", $"Text empty: {name} is required");

    /// <summary>Reads an optional array of strings (<c>stop</c>, <c>stopBefore</c>).</summary>
    /// <param name="root">The request object.</param>
    /// <param name="name">The field.</param>
    /// <returns>The strings, or an empty list when absent.</returns>
    public static List<string> Strings(JsonObject root, string name)
    {
        if (root[name] is not { } node)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw new ClovaApiError("40001", $"Invalid parameter: {name} must be an array of strings");
        }

        return array.Select(item => item is JsonValue v && v.TryGetValue(out string? s) ? s : throw new ClovaApiError("40001", $"Invalid parameter: {name} must be an array of strings")).ToList();
    }
}
