using System.Text.Json.Serialization.Metadata;
using Clova.Internal;
using Microsoft.Extensions.AI;

namespace Clova.Requests;

/// <summary>
/// One row of <see cref="ClovaParameters"/>: a CLOVA request parameter, its name and range in each dialect, the
/// typed option it comes from, and the capability it needs. Rows are data; the builder and the rule book run them.
/// </summary>
internal sealed class ClovaParameter
{
    /// <summary>Gets the row's position in <see cref="ClovaParameters.All"/> (also the wire order).</summary>
    public int Index { get; internal set; }

    /// <summary>Gets the JSON shape of the value.</summary>
    public required ClovaValueKind Kind { get; init; }

    /// <summary>Gets the field in <c>/v3/chat-completions</c>, or null when v3 has no such field.</summary>
    public ClovaWireField? V3 { get; init; }

    /// <summary>Gets the field in <c>/v1/chat-completions</c>, or null when v1 has no such field.</summary>
    public ClovaWireField? V1 { get; init; }

    /// <summary>Gets the field in <c>/v1/completions</c> (LK), or null when LK has no such field.</summary>
    public ClovaWireField? Lk { get; init; }

    /// <summary>Gets the field in <c>/v1/api-tools/rag-reasoning</c>, or null when RAG reasoning has no such field.</summary>
    public ClovaWireField? Rag { get; init; }

    /// <summary>Gets the field it has under the same name and range in all three dialects (sets <see cref="V3"/>, <see cref="V1"/> and <see cref="Lk"/>).</summary>
    public ClovaWireField? Everywhere
    {
        get => V3 == V1 && V1 == Lk ? V3 : null;
        init => (V3, V1, Lk) = (value, value, value);
    }

    /// <summary>Gets the typed <see cref="ChatOptions"/> property, as named in refusals ("ChatOptions.Temperature").</summary>
    public string? ChatOption { get; init; }

    /// <summary>Gets the value of the typed chat option, or null when the caller left it unset.</summary>
    public Func<ChatOptions, ClovaRequestContext, object?>? FromChatOptions { get; init; }

    /// <summary>Gets the value of the <see cref="ClovaCompletionRequest"/> property, or null when unset.</summary>
    public Func<ClovaCompletionRequest, object?>? FromCompletion { get; init; }

    /// <summary>Gets the <see cref="ClovaCompletionRequest"/> property, as named in refusals.</summary>
    public string? CompletionOption { get; init; }

    /// <summary>Gets whether the field may come from <c>ChatOptions.AdditionalProperties</c> under its CLOVA name.</summary>
    public bool FromAdditionalProperties { get; init; } = true;

    /// <summary>Gets the largest integer accepted from <c>AdditionalProperties</c> (the field's JSON type).</summary>
    public long IntegerMax { get; init; } = int.MaxValue;

    /// <summary>Gets the capability a known model must have for the field to be sent.</summary>
    public ClovaCapability Requires { get; init; }

    /// <summary>
    /// Gets whether a typed option for this field is best effort: dropped, not refused, where the dialect has no such
    /// field (Microsoft.Extensions.AI documents <c>ReasoningOptions</c> so).
    /// </summary>
    public bool BestEffort { get; init; }

    /// <summary>Gets the metadata that writes a <see cref="ClovaValueKind.Json"/> value.</summary>
    public JsonTypeInfo? JsonType { get; init; }

    /// <summary>Gets the field in <paramref name="dialect"/>, or null when the dialect has none.</summary>
    public ClovaWireField? Field(ClovaDialect dialect) => dialect switch
    {
        ClovaDialect.V3Chat => V3,
        ClovaDialect.V1Chat => V1,
        ClovaDialect.RagReasoning => Rag,
        _ => Lk,
    };

    /// <summary>A name for the row in messages: its v3 name, else the first it has.</summary>
    public override string ToString() => (V3 ?? V1 ?? Lk ?? Rag)!.Name;
}
