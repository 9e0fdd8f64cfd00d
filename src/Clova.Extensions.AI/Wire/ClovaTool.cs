namespace Clova.Wire;

/// <summary>A tool: <c>{"type":"function","function":{…}}</c>.</summary>
internal sealed class ClovaTool
{
    public string Type { get; set; } = "function";

    public ClovaFunctionDefinition Function { get; set; } = new();
}
