using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Clova.Internal;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Chat;

/// <summary>
/// A streamed token's whole way from the wire to a <see cref="ChatResponseUpdate"/>, in this one file:
/// <see cref="ReadAsync"/> opens the stream (the transport side, <see cref="ClovaEventStream"/>, retries, primes,
/// bounds and times it) and runs ONE <c>await foreach</c> over <see cref="SseParser"/>'s items, already decoded by
/// <see cref="ClovaStreamEvent.Parse"/>; the instance holds the reply's state. It follows Microsoft.Extensions.AI's
/// streaming conventions: every update carries the same <c>ResponseId</c>/<c>MessageId</c> (the request id), role,
/// model and creation time; <c>token</c> deltas become text or reasoning; the <c>result</c> event, which repeats the
/// whole message, adds only what the deltas did not already deliver, plus the finish reason, the ONE
/// <see cref="UsageContent"/>, the seed and the AI filters. Usage that the last <c>token</c> may also carry is held
/// back, never emitted twice; tool calls are emitted once, complete.
/// </summary>
internal sealed class ChatStreamReader
{
    private readonly string _requestId;
    private readonly string _modelId;
    private readonly bool _includeReasoning;
    private DateTimeOffset? _createdAt;
    private long? _seed;
    private string? _pendingFinishReason;
    private ClovaUsage? _pendingUsage;
    private ClovaChatResult? _lastToken;
    private List<StreamedToolCall>? _streamedCalls;
    private string? _pendingStopReason;

    private readonly int _maxArgumentChars;
    private int _argumentChars;
    private ulong _contentHash = FnvOffset;
    private ulong _reasoningHash = FnvOffset;
    private bool _mismatch;

    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    private ChatStreamReader(string requestId, string modelId, bool includeReasoning, int maxArgumentChars)
    {
        _maxArgumentChars = maxArgumentChars;
        _requestId = requestId;
        _modelId = modelId;
        _includeReasoning = includeReasoning;
    }

    /// <summary>Streams the reply to <paramref name="request"/>.</summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> ReadAsync(ClovaTransport transport, PreparedChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using CancellationTokenSource timeout = transport.CreateTimeoutSource(cancellationToken);
        ClovaEventStream stream = await ClovaEventStream.OpenAsync(transport, request, cancellationToken, timeout.Token).ConfigureAwait(false);
        await using (((IAsyncDisposable)stream).ConfigureAwait(false))
        {
            if (stream.WholeResult is { } whole)
            {
                foreach (ChatResponseUpdate update in ChatResponseMapper.FromClovaResult(whole, request.RequestId, request.ModelId, request.IncludeReasoning).ToChatResponseUpdates())
                {
                    yield return update;
                }

                yield break;
            }

            var reader = new ChatStreamReader(request.RequestId, request.ModelId, request.IncludeReasoning, transport.MaxStreamEventBytes);
            bool done = false;
            await foreach (SseItem<ClovaStreamEvent> item in stream.Events.ConfigureAwait(false))
            {
                ClovaStreamEvent e = item.Data;
                switch (e.Kind)
                {
                    case ClovaStreamEventKind.Token:
                        if (reader.OnToken(e.Result!) is { } delta)
                        {
                            stream.DeliveredCharacters = reader.Received;
                            yield return delta;
                        }

                        break;
                    case ClovaStreamEventKind.Result:
                        yield return reader.OnResult(e.Result!);
                        yield break;
                    case ClovaStreamEventKind.Error:
                        throw stream.Fail(ClovaErrors.FromStatus(null, e.Status, request.RequestId, reader.Received, secrets: transport.Secrets));
                    case ClovaStreamEventKind.Invalid:
                        throw stream.Fail(ClovaErrors.Protocol($"the '{e.EventType}' event is not valid JSON of the expected shape ({e.Error!.Message})", request.RequestId, e.Error, reader.Received));
                    case ClovaStreamEventKind.Done:
                        done = true;
                        break;
                }

                if (done)
                {
                    break;
                }
            }

            // No result event: complete if a token already carried the finish reason. A [DONE] signal without
            // one also ends the reply normally (what was delivered stands; no usage is invented); a stream that
            // simply stops was cut short.
            if (reader.OnEndWithoutResult() is { } last)
            {
                yield return last;
            }
            else if (!done)
            {
                throw stream.Fail(ClovaErrors.Protocol("the stream ended before its result event (truncated)", request.RequestId, null, reader.Received));
            }
        }
    }

    /// <summary>Characters of answer text handed to the caller so far.</summary>
    public int ContentCharacters { get; private set; }

    /// <summary>Characters of reasoning received so far (handed over unless reasoning output is off).</summary>
    public int ReasoningCharacters { get; private set; }

    /// <summary>Whether the reply is complete: after that, nothing more is emitted.</summary>
    public bool Completed { get; private set; }

    /// <summary>Characters of output received so far, for the message of a failure.</summary>
    public int Received => ContentCharacters + ReasoningCharacters;

    /// <summary>Returns the update for a <c>token</c> event, or null when it carries nothing to show.</summary>
    public ChatResponseUpdate? OnToken(ClovaChatResult token)
    {
        Latch(token);
        _lastToken = token;
        if ((token.FinishReason ?? token.StopReason) is { } reason)
        {
            _pendingFinishReason = reason;
            _pendingStopReason = token.StopReason;
        }

        if (token.Usage is not null)
        {
            _pendingUsage = token.Usage;
        }

        if (token.ToolCalls is { } calls)
        {
            BufferToolCalls(calls);
        }

        string? thinking = token.ThinkingContent;
        string? content = token.Content;
        bool showThinking = _includeReasoning && !string.IsNullOrEmpty(thinking);
        bool showContent = !string.IsNullOrEmpty(content);
        ReasoningCharacters += thinking?.Length ?? 0;
        ContentCharacters += content?.Length ?? 0;
        _reasoningHash = Hash(_reasoningHash, thinking);
        _contentHash = Hash(_contentHash, content);
        if (!showThinking && !showContent)
        {
            return null;
        }

        var contents = new List<AIContent>(showThinking && showContent ? 2 : 1);
        if (showThinking)
        {
            contents.Add(new TextReasoningContent(thinking));
        }

        if (showContent)
        {
            contents.Add(new TextContent(content));
        }

        return NewUpdate(contents, token);
    }

    /// <summary>Returns the final update for the <c>result</c> event.</summary>
    public ChatResponseUpdate OnResult(ClovaChatResult result)
    {
        Latch(result);
        Completed = true;
        var contents = new List<AIContent>(3);

        // The result repeats the whole message. Only a tail the deltas never delivered is new (a stream that
        // skipped tokens, or a result-only stream); the repeated prefix must not be emitted twice.
        // A result whose text does not begin with what was streamed contradicts it: nothing is spliced onto the
        // stream then (that would invent text such as "Hello" + "ye world"), and the final update says so.
        string? thinking = result.ThinkingContent;
        if (Continues(thinking, ReasoningCharacters, _reasoningHash))
        {
            if (_includeReasoning && thinking!.Length > ReasoningCharacters)
            {
                contents.Add(new TextReasoningContent(thinking[ReasoningCharacters..]));
            }

            ReasoningCharacters = Math.Max(ReasoningCharacters, thinking?.Length ?? 0);
        }

        string? content = result.Content;
        if (Continues(content, ContentCharacters, _contentHash))
        {
            if (content!.Length > ContentCharacters)
            {
                contents.Add(new TextContent(content[ContentCharacters..]));
                ContentCharacters = content.Length;
            }
        }

        // Tool calls are emitted once, complete, from the result event, which carries them with their ids and
        // arguments as an object; the streamed fragments are only a fallback when it does not.
        if (result.ToolCalls is { Count: > 0 } calls)
        {
            foreach (ClovaToolCall call in calls)
            {
                contents.Add(ChatResponseMapper.FromClovaToolCall(call));
            }
        }
        else
        {
            AddStreamedToolCalls(contents);
        }

        return Finish(
            contents,
            result.FinishReason ?? result.StopReason ?? _pendingFinishReason,
            ChatResponseMapper.UsageOf(result) ?? _pendingUsage,
            result.AiFilter,
            result.StopReason ?? _pendingStopReason,
            result);
    }

    /// <summary>
    /// Called when the stream ends without a <c>result</c> event. If a token already carried a finish reason the
    /// reply is complete and the final update is returned; otherwise the stream was cut short and null is returned.
    /// </summary>
    public ChatResponseUpdate? OnEndWithoutResult()
    {
        if (Completed || _pendingFinishReason is null)
        {
            return null;
        }

        Completed = true;
        var contents = new List<AIContent>(1);
        AddStreamedToolCalls(contents);
        // v1 tokens carry running lengths; those of the token that stopped are the final counts.
        return Finish(contents, _pendingFinishReason, _pendingUsage ?? ChatResponseMapper.UsageOf(_lastToken), null, _pendingStopReason, _lastToken);
    }

    /// <summary>
    /// The first fragment of a call names it (id, name); later ones carry only <c>partialJson</c>, with no id or
    /// index, so they belong to the call most recently named.
    /// </summary>
    private void BufferToolCalls(List<ClovaToolCall> calls)
    {
        foreach (ClovaToolCall call in calls)
        {
            _streamedCalls ??= [];
            if (call.Id is not null || call.Function?.Name is not null || _streamedCalls.Count == 0)
            {
                // Names and ids are buffered too: they count against the same bound as the arguments.
                CountToolCallChars((call.Id?.Length ?? 0) + (call.Function?.Name?.Length ?? 0));
                _streamedCalls.Add(new StreamedToolCall(call.Id ?? "", call.Function?.Name ?? ""));
            }

            StreamedToolCall current = _streamedCalls[^1];
            string? fragment = call.Function?.PartialJson
                ?? (call.Function?.Arguments is { ValueKind: JsonValueKind.Object } whole ? whole.GetRawText() : null);
            if (fragment is not null)
            {
                CountToolCallChars(fragment.Length);
                current.Arguments.Append(fragment);
            }
        }
    }

    /// <summary>
    /// Each event is bounded by MaxStreamEventBytes; so is all the tool-call state (ids, names, argument fragments)
    /// that many events add up to, whatever the number of calls.
    /// </summary>
    private void CountToolCallChars(int chars)
    {
        _argumentChars += chars;
        if (_argumentChars > _maxArgumentChars)
        {
            throw ClovaErrors.Protocol(
                $"streamed tool calls (ids, names and arguments) exceeded ClovaClientOptions.MaxStreamEventBytes ({_maxArgumentChars:N0} characters)", _requestId, null, Received);
        }
    }

    private void AddStreamedToolCalls(List<AIContent> contents)
    {
        if (_streamedCalls is null)
        {
            return;
        }

        foreach (StreamedToolCall call in _streamedCalls)
        {
            contents.Add(ChatResponseMapper.FromClovaToolCall(call.Id, call.Name, call.Arguments.ToString()));
        }

        _streamedCalls = null;
    }

    private ChatResponseUpdate Finish(List<AIContent> contents, string? finishReason, ClovaUsage? usage, List<ClovaAiFilter>? filters, string? stopReason, object? raw)
    {
        if (ChatResponseMapper.FromClovaUsage(usage) is { } details)
        {
            contents.Add(new UsageContent(details));
        }

        ChatResponseUpdate update = NewUpdate(contents, raw);
        update.FinishReason = ChatResponseMapper.FromClovaFinishReason(finishReason);
        update.AdditionalProperties = ChatResponseMapper.FromClovaExtras(_seed, filters, stopReason);
        if (_mismatch)
        {
            (update.AdditionalProperties ??= [])[ClovaPropertyNames.ResultMismatch] = true;
        }

        return update;
    }

    /// <summary>Whether the result's <paramref name="text"/> begins with the <paramref name="streamed"/> characters already delivered (compared by hash, so the stream's text need not be kept).</summary>
    private bool Continues(string? text, int streamed, ulong streamedHash)
    {
        if (text is null || streamed == 0)
        {
            return text is not null;
        }

        if (text.Length >= streamed && Hash(FnvOffset, text.AsSpan(0, streamed)) == streamedHash)
        {
            return true;
        }

        _mismatch = true;
        return false;
    }

    /// <summary>FNV-1a over UTF-16 code units: cheap per token, and the same however the text was split.</summary>
    private static ulong Hash(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return hash;
    }

    private void Latch(ClovaChatResult item)
    {
        _createdAt ??= ChatResponseMapper.FromClovaCreated(item.Created);
        if (item.Seed is not null)
        {
            _seed = item.Seed;
        }
    }

    private ChatResponseUpdate NewUpdate(List<AIContent> contents, object? raw) => new(ChatRole.Assistant, contents)
    {
        ResponseId = _requestId,
        MessageId = _requestId,
        ModelId = _modelId,
        CreatedAt = _createdAt,
        RawRepresentation = raw,
    };
}
