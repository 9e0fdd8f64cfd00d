namespace Clova.Chat;

/// <summary>What one SSE event means to the decoder.</summary>
internal enum ClovaStreamEventKind
{
    /// <summary>An event the spec allows the client to skip (unknown names, non-final signals, comments).</summary>
    Ignored,

    /// <summary>A <c>token</c> event: a delta.</summary>
    Token,

    /// <summary>The <c>result</c> event: the complete message, finish reason, usage and filters.</summary>
    Result,

    /// <summary>An <c>error</c> event, possibly after HTTP 200.</summary>
    Error,

    /// <summary>The end of the stream: a <c>[DONE]</c> signal.</summary>
    Done,

    /// <summary>An event whose data could not be read.</summary>
    Invalid,
}
