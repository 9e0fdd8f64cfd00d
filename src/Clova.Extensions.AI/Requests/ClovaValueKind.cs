namespace Clova.Requests;

/// <summary>The JSON shape of a parameter's value: how it is read from <c>AdditionalProperties</c> and written.</summary>
internal enum ClovaValueKind
{
    /// <summary>A JSON number held as <see cref="double"/>.</summary>
    Number,

    /// <summary>A JSON integer held as <see cref="long"/>.</summary>
    Integer,

    /// <summary>A JSON boolean.</summary>
    Boolean,

    /// <summary>A JSON string.</summary>
    Text,

    /// <summary>An array of strings held as <see cref="List{T}"/> of <see cref="string"/>.</summary>
    TextList,

    /// <summary><c>{"effort": "none|low|medium|high"}</c>, held as the effort string.</summary>
    Effort,

    /// <summary>A wire object written through its source-generated metadata (tools, tool choice, response format).</summary>
    Json,
}
