namespace Clova.Wire;

/// <summary>One <c>chatHistory</c> entry: the router takes user turns only.</summary>
internal sealed class ClovaRouterTurn
{
    public string Role { get; set; } = "user";

    public string Content { get; set; } = "";
}
