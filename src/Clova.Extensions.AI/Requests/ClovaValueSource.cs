namespace Clova.Requests;

/// <summary>Where a parameter's value came from, so a refusal names what the caller actually set.</summary>
internal enum ClovaValueSource : byte
{
    /// <summary>Not set.</summary>
    None,

    /// <summary>A typed option: a <c>ChatOptions</c> or <c>ClovaCompletionRequest</c> property.</summary>
    Typed,

    /// <summary>A <c>ChatOptions.AdditionalProperties</c> entry named like the CLOVA field.</summary>
    AdditionalProperties,

    /// <summary>Set by a rule-book policy (the HCX-007 thinking policy).</summary>
    Policy,
}
