using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>A tool call the emulator decided to make.</summary>
/// <param name="Id">The call id (<c>call_…</c>).</param>
/// <param name="Name">The function name.</param>
/// <param name="Arguments">The arguments object.</param>
internal sealed record EmulatorToolCall(string Id, string Name, JsonObject Arguments)
{
    /// <summary>The call as CLOVA sends it: arguments as an object.</summary>
    /// <returns>The <c>toolCalls[]</c> item.</returns>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = Name, ["arguments"] = Arguments.DeepClone() },
    };
}
