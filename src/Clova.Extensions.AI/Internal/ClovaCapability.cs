namespace Clova.Internal;

/// <summary>A model capability that a request parameter or content needs (see <see cref="ClovaModelCatalog"/>).</summary>
internal enum ClovaCapability
{
    /// <summary>Every model.</summary>
    None,

    /// <summary>Reasoning (<c>thinking</c>): HCX-007.</summary>
    Thinking,

    /// <summary>Function calling (<c>tools</c>, <c>toolChoice</c>).</summary>
    Tools,

    /// <summary>Structured outputs (<c>responseFormat</c>).</summary>
    StructuredOutputs,

    /// <summary>Image parts in user messages.</summary>
    Images,
}
