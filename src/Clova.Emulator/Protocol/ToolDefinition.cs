using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>A function tool as a request's <c>tools</c> defines it (the emulator's own calls are <see cref="EmulatorToolCall"/>).</summary>
/// <param name="Name">The function name.</param>
/// <param name="Description">Its description, or "".</param>
/// <param name="Parameters">Its parameter schema, or null.</param>
internal sealed record ToolDefinition(string Name, string Description, JsonObject? Parameters);
