namespace Clova.Emulator;

/// <summary>
/// A router as the emulator serves it at <c>/v1/routers/{routerId}/versions/{Version}/route</c>: each label matches a
/// query containing one of its keywords (case-insensitive). The first matching domain is the answer.
/// </summary>
public sealed class EmulatorRouter
{
    /// <summary>Gets or sets the version served (other versions answer 40400).</summary>
    public int Version { get; set; } = 1;

    /// <summary>Gets or sets the domains and their keywords, in the order they are tried.</summary>
    public IDictionary<string, string[]> Domains { get; set; } = new Dictionary<string, string[]>(StringComparer.Ordinal);

    /// <summary>Gets or sets the blocked-content labels and their keywords.</summary>
    public IDictionary<string, string[]> BlockedContent { get; set; } = new Dictionary<string, string[]>(StringComparer.Ordinal);

    /// <summary>Gets or sets the safety labels and their keywords.</summary>
    public IDictionary<string, string[]> Safety { get; set; } = new Dictionary<string, string[]>(StringComparer.Ordinal);

    /// <summary>The router every emulator starts with, <c>demo-router</c> version 1: domains 배송 and 환불, one blocked-content and one safety label.</summary>
    /// <returns>A new router.</returns>
    public static EmulatorRouter Demo() => new()
    {
        Domains = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["배송"] = ["배송", "택배", "delivery"],
            ["환불"] = ["환불", "반품", "refund"],
        },
        BlockedContent = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["경쟁사 언급"] = ["경쟁사"] },
        Safety = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["욕설"] = ["바보", "멍청"] },
    };
}
