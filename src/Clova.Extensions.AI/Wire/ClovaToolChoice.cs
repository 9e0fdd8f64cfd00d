using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary><c>toolChoice</c>: the string <c>"auto"</c>/<c>"none"</c>, or <c>{"type":"function","function":{"name":…}}</c>.</summary>
[JsonConverter(typeof(ClovaToolChoiceConverter))]
internal sealed class ClovaToolChoice
{
    public static ClovaToolChoice Auto { get; } = new("auto", null);

    public static ClovaToolChoice None { get; } = new("none", null);

    private ClovaToolChoice(string? mode, string? functionName)
    {
        Mode = mode;
        FunctionName = functionName;
    }

    /// <summary><c>auto</c> or <c>none</c>; null when a function is forced.</summary>
    public string? Mode { get; }

    /// <summary>The forced function, or null.</summary>
    public string? FunctionName { get; }

    public static ClovaToolChoice Force(string functionName) => new(null, functionName);
}
