namespace Clova.Wire;

/// <summary>The router's <c>result</c>: domain, blocked content, safety and usage.</summary>
internal sealed class ClovaRouterResult
{
    public ClovaRouterVerdict<string>? Domain { get; set; }

    public ClovaRouterVerdict<List<string?>>? BlockedContent { get; set; }

    public ClovaRouterVerdict<List<string?>>? Safety { get; set; }

    public ClovaUsage? Usage { get; set; }
}
