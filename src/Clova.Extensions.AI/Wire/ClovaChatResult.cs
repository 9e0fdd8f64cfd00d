using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>
/// A chat result: the <c>result</c> of a JSON response, and equally the data of a streamed <c>token</c> or
/// <c>result</c> event, which have the same shape. v1 uses the same shape with <c>stopReason</c> and
/// <c>inputLength</c>/<c>outputLength</c> in place of <c>finishReason</c> and <c>usage</c>.
/// </summary>
/// <remarks>
/// One is read per streamed token and kept as the update's <c>RawRepresentation</c>, so it is laid out for that:
/// the message's text members are held inline (no second object per token), the numbers without
/// <see cref="Nullable{T}"/> padding, and the members a token rarely has (tool calls, usage, filters, v1 lengths) in
/// a side object made only when one is present. 80 bytes per token instead of 168.
/// </remarks>
[JsonConverter(typeof(ClovaChatResultConverter))]
internal sealed class ClovaChatResult
{
    private const byte HasMessageFlag = 1;
    private const byte HasCreatedFlag = 2;
    private const byte HasSeedFlag = 4;

    private long _created;
    private long _seed;
    private byte _has;
    private Rare? _rare;

    /// <summary>Gets or sets whether the result had a (non-null) <c>message</c>.</summary>
    public bool HasMessage { get => (_has & HasMessageFlag) != 0; set => Flag(HasMessageFlag, value); }

    /// <summary>Gets or sets <c>message.role</c>.</summary>
    public string? Role { get; set; }

    /// <summary>Gets or sets <c>message.content</c>.</summary>
    public string? Content { get; set; }

    /// <summary>Gets or sets <c>message.thinkingContent</c> (HCX-007 reasoning).</summary>
    public string? ThinkingContent { get; set; }

    /// <summary>Gets or sets <c>message.toolCalls</c>.</summary>
    public List<ClovaToolCall>? ToolCalls { get => _rare?.ToolCalls; set => SetRare(value, static (r, v) => r.ToolCalls = v); }

    /// <summary>
    /// Gets the message as one object (made on first use, then the same one): what a non-streaming reply's
    /// <c>ChatMessage.RawRepresentation</c> is. Null when the result had no message.
    /// </summary>
    public ClovaResponseMessage? Message =>
        !HasMessage ? null : (_rare ??= new()).Message ??= new ClovaResponseMessage { Role = Role, Content = Content, ThinkingContent = ThinkingContent, ToolCalls = ToolCalls };

    /// <summary>Gets or sets <c>finishReason</c>.</summary>
    public string? FinishReason { get; set; }

    /// <summary>Gets or sets <c>created</c>: Unix time, in seconds or milliseconds (both occur).</summary>
    public long? Created { get => (_has & HasCreatedFlag) != 0 ? _created : null; set => _created = Set(HasCreatedFlag, value); }

    /// <summary>Gets or sets <c>seed</c>.</summary>
    public long? Seed { get => (_has & HasSeedFlag) != 0 ? _seed : null; set => _seed = Set(HasSeedFlag, value); }

    /// <summary>Gets or sets <c>usage</c>.</summary>
    public ClovaUsage? Usage { get => _rare?.Usage; set => SetRare(value, static (r, v) => r.Usage = v); }

    /// <summary>Gets or sets <c>aiFilter</c>.</summary>
    public List<ClovaAiFilter>? AiFilter { get => _rare?.AiFilter; set => SetRare(value, static (r, v) => r.AiFilter = v); }

    /// <summary>Gets or sets v1's <c>stopReason</c>: <c>length</c>, <c>end_token</c> or <c>stop_before</c>, in any letter case.</summary>
    public string? StopReason { get => _rare?.StopReason; set => SetRare(value, static (r, v) => r.StopReason = v); }

    /// <summary>Gets or sets v1's input tokens (running on token events).</summary>
    public long? InputLength { get => _rare?.InputLength; set => SetRare(value, static (r, v) => r.InputLength = v); }

    /// <summary>Gets or sets v1's output tokens (running on token events).</summary>
    public long? OutputLength { get => _rare?.OutputLength; set => SetRare(value, static (r, v) => r.OutputLength = v); }

    private void Flag(byte flag, bool on) => _has = on ? (byte)(_has | flag) : (byte)(_has & ~flag);

    private long Set(byte flag, long? value)
    {
        Flag(flag, value.HasValue);
        return value.GetValueOrDefault();
    }

    private void SetRare<T>(T value, Action<Rare, T> set)
    {
        if (value is not null || _rare is not null)
        {
            set(_rare ??= new(), value);
        }
    }

    /// <summary>What few token events carry.</summary>
    private sealed class Rare
    {
        public List<ClovaToolCall>? ToolCalls { get; set; }

        public ClovaUsage? Usage { get; set; }

        public List<ClovaAiFilter>? AiFilter { get; set; }

        public string? StopReason { get; set; }

        public long? InputLength { get; set; }

        public long? OutputLength { get; set; }

        public ClovaResponseMessage? Message { get; set; }
    }
}
