using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Clova.Tools;

/// <summary>
/// One CLOVA tool as an <see cref="AIFunction"/>: a fixed name, description and JSON schema, and a typed call.
/// Written by hand rather than through <c>AIFunctionFactory</c>, so the schema is exact and nothing is reflected.
/// </summary>
internal sealed class ClovaToolFunction : AIFunction
{
    private readonly Func<AIFunctionArguments, CancellationToken, ValueTask<object?>> _invoke;

    public ClovaToolFunction(string name, string description, string schema, Func<AIFunctionArguments, CancellationToken, ValueTask<object?>> invoke)
    {
        Name = name;
        Description = description;
        JsonSchema = JsonDocument.Parse(schema).RootElement.Clone();
        _invoke = invoke;
    }

    public override string Name { get; }

    public override string Description { get; }

    public override JsonElement JsonSchema { get; }

    /// <summary>Reads a required string argument, as a model sends it (a string or a JSON string).</summary>
    public static string RequiredString(AIFunctionArguments arguments, string name) =>
        arguments.TryGetValue(name, out object? value) && value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => null,
        } is { } text
            ? text
            : throw new ArgumentException($"The '{name}' argument is required and must be a string.", name);

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        _invoke(arguments, cancellationToken);
}
