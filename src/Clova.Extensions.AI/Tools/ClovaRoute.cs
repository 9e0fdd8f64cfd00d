using Microsoft.Extensions.AI;

namespace Clova;

/// <summary>A router's verdict on a query: its domain, the blocked content and the safety results it found.</summary>
public sealed class ClovaRoute
{
    /// <summary>Gets the domain the query belongs to, or null when it fits none (CLOVA sends <c>""</c>).</summary>
    public string? Domain { get; init; }

    /// <summary>Gets whether the domain check ran.</summary>
    public bool DomainCalled { get; init; }

    /// <summary>Gets the blocked-content labels that matched; empty when none did.</summary>
    public required IReadOnlyList<string> BlockedContent { get; init; }

    /// <summary>Gets whether the blocked-content check ran.</summary>
    public bool BlockedContentCalled { get; init; }

    /// <summary>Gets the safety labels that matched; empty when none did.</summary>
    public required IReadOnlyList<string> Safety { get; init; }

    /// <summary>Gets whether the safety check ran.</summary>
    public bool SafetyCalled { get; init; }

    /// <summary>Gets the tokens read and written, or null when the service sent none.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>Gets the request id the connector sent.</summary>
    public required string RequestId { get; init; }
}
