namespace Clova;

/// <summary>A summary from CLOVA's summarization API.</summary>
public sealed class ClovaSummary
{
    /// <summary>Gets the summary (the docs' example is a <c>- </c> bulleted line).</summary>
    public required string Text { get; init; }

    /// <summary>Gets the tokens the input counted as, or null when not sent.</summary>
    public int? InputTokens { get; init; }

    /// <summary>Gets the request id the connector sent.</summary>
    public required string RequestId { get; init; }
}
