namespace Clova.Requests;

/// <summary>How one parameter appears in one dialect: its field name, its documented range and default.</summary>
/// <param name="Name">The JSON field name, which is also its <c>ChatOptions.AdditionalProperties</c> key.</param>
/// <param name="Range">The allowed range of a number, or null when any value of the kind is accepted.</param>
/// <param name="Default">The service's documented default, for messages and docs.</param>
/// <param name="Note">A rule the range alone does not tell, added to the refusal.</param>
internal sealed record ClovaWireField(string Name, ClovaRange? Range = null, string? Default = null, string? Note = null);
