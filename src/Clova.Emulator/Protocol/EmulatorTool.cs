using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>A function tool from a request.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Description">Its description, or "".</param>
/// <param name="Parameters">Its parameter schema, or null.</param>
internal sealed record EmulatorTool(string Name, string Description, JsonObject? Parameters);
