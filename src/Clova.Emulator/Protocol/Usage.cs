using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>The <c>usage</c> object of a tool that generates text.</summary>
internal static class Usage
{
    public static JsonObject Of(int promptTokens, int completionTokens) => new()
    {
        ["promptTokens"] = promptTokens,
        ["completionTokens"] = completionTokens,
        ["totalTokens"] = promptTokens + completionTokens,
    };
}
