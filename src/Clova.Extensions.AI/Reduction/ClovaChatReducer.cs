using System.Text.Json;
using Clova.Chat;
using Clova.Internal;
using Clova.Reduction;
using Clova.Rules;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova;

/// <summary>
/// An <see cref="IChatReducer"/> that keeps a history within what the model can take, from
/// <see cref="ClovaClient.GetSlidingWindowReducer"/>. Use it directly (<c>await reducer.ReduceAsync(history)</c>)
/// or in a Microsoft.Extensions.AI pipeline (<c>UseChatReducer</c>). Safe to call on every turn: when the history
/// provably fits, it returns the input without any request.
/// </summary>
/// <remarks>
/// "Provably fits" is checked locally: a byte-level tokenizer never produces more tokens than UTF-8 bytes, so when
/// the JSON of the messages is within the budget nothing can need trimming. Images are never assumed to fit
/// (their cost is not in their bytes), so a history with images is always counted.
/// </remarks>
public sealed class ClovaChatReducer : IChatReducer
{
    /// <summary>The sliding-window API's limit on input plus planned output.</summary>
    public const int SlidingWindowLimit = 4096;

    private readonly ClovaTransport _transport;
    private readonly ClovaModelInfo _model;
    private readonly int _maxTokens;
    private readonly ClovaChatReducerOptions _options;
    private readonly ClovaTokenCounter _counter;

    internal ClovaChatReducer(ClovaTransport transport, string modelId, int maxTokens, ClovaChatReducerOptions? options)
    {
        _transport = transport;
        _model = ClovaModelCatalog.Get(modelId);
        _maxTokens = maxTokens;
        _options = options ?? new ClovaChatReducerOptions();
        _counter = new ClovaTokenCounter(transport, modelId, ClovaApiVersion.V3);
        if (maxTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, "The planned output (maxTokens) must be at least 1.");
        }

        if (_options.Strategy == ClovaReductionStrategy.SlidingWindow && maxTokens >= SlidingWindowLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, $"The sliding window keeps input plus maxTokens within {SlidingWindowLimit}; maxTokens must be below that.");
        }

        if (_options.MessageOverheadTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MessageOverheadTokens, "ClovaChatReducerOptions.MessageOverheadTokens cannot be negative.");
        }

        if (_options.TokenBudget is null && _model.ContextWindow is null && _options.Strategy != ClovaReductionStrategy.SlidingWindow)
        {
            throw new ArgumentException($"The context window of '{modelId}' is unknown: set ClovaChatReducerOptions.TokenBudget.", nameof(options));
        }

        if (_options.TokenBudget is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.TokenBudget, "ClovaChatReducerOptions.TokenBudget must be at least 1 token when set.");
        }

        // The sliding-window strategy needs no context window: the API's own limit is its budget.
        TokenBudget = _options.TokenBudget
            ?? (_model.ContextWindow - maxTokens)
            ?? (_options.Strategy == ClovaReductionStrategy.SlidingWindow ? SlidingWindowLimit - maxTokens : 0);
        if (TokenBudget < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, $"The planned output leaves no room for input in {modelId}'s context window of {_model.ContextWindow}.");
        }
    }

    /// <summary>Gets the model whose limits apply.</summary>
    public string ModelId => _model.Name;

    /// <summary>Gets the input budget of the local strategy (context window minus planned output, unless set).</summary>
    public int TokenBudget { get; }

    /// <summary>Returns the history trimmed to fit; the input itself when nothing needs trimming.</summary>
    /// <param name="messages">The history, oldest first.</param>
    /// <param name="cancellationToken">Cancels the request, if one is needed.</param>
    /// <returns>The messages to send: the system message(s) and the newest turns that fit, in their original order.</returns>
    public async Task<IEnumerable<ChatMessage>> ReduceAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (list.Count == 0)
        {
            return messages;
        }

        ClovaReductionStrategy strategy = ChooseStrategy(list);
        int inputLimit = strategy == ClovaReductionStrategy.SlidingWindow ? SlidingWindowLimit - _maxTokens : TokenBudget;
        if (ProvablyFits(list, inputLimit))
        {
            return messages;
        }

        return strategy == ClovaReductionStrategy.SlidingWindow
            ? await SlideAsync(list, cancellationToken).ConfigureAwait(false)
            : await TrimLocallyAsync(list, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the model and budget.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"ClovaChatReducer {{ Model = {ModelId}, Strategy = {_options.Strategy}, MaxTokens = {_maxTokens}, TokenBudget = {TokenBudget} }}";

    internal ClovaReductionStrategy ChooseStrategy(IReadOnlyList<ChatMessage> messages)
    {
        bool expressible = IsPlainText(messages);
        switch (_options.Strategy)
        {
            case ClovaReductionStrategy.SlidingWindow when !expressible:
                throw new InvalidOperationException("The sliding-window API takes only system, user and assistant text; this history holds tool calls, tool results, images or reasoning. Use ClovaReductionStrategy.Auto or LocalTokenBudget.");
            case ClovaReductionStrategy.Auto:
                return expressible && _model.IsKnown && _model.DefaultApi == ClovaApiVersion.V1
                    ? ClovaReductionStrategy.SlidingWindow
                    : ClovaReductionStrategy.LocalTokenBudget;
            default:
                return _options.Strategy;
        }
    }

    private static bool IsPlainText(IReadOnlyList<ChatMessage> messages)
    {
        foreach (ChatMessage message in messages)
        {
            if (message.Role != ChatRole.System && message.Role != ChatRole.User && message.Role != ChatRole.Assistant)
            {
                return false;
            }

            foreach (AIContent content in message.Contents)
            {
                if (content is not TextContent)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private bool ProvablyFits(IReadOnlyList<ChatMessage> messages, int inputLimit)
    {
        foreach (ChatMessage message in messages)
        {
            if (message.Contents.Any(c => c is DataContent or UriContent))
            {
                return false;
            }
        }

        List<ClovaRequestMessage> mapped = ChatRequestMapper.ToClovaMessages(ClovaRuleBook.CheckMessages(messages, null), null);
        long bytes = JsonSerializer.SerializeToUtf8Bytes(mapped, ClovaJson.Context.ListClovaRequestMessage).LongLength;
        return bytes + ((long)_options.MessageOverheadTokens * mapped.Count) <= inputLimit;
    }

    private async Task<IEnumerable<ChatMessage>> SlideAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var request = new ClovaV1MessagesRequest { Messages = ChatRequestMapper.ToClovaMessages(ClovaRuleBook.CheckMessages(messages, null), null), MaxTokens = _maxTokens };
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, ClovaJson.Context.ClovaV1MessagesRequest);
        string requestId = ClovaTransport.NewRequestId();
        ClovaMessagesResult result = await _transport.PostJsonAsync(
            ClovaApiPaths.SlidingWindow(ModelId), body, ClovaJson.Context.ClovaMessagesResult, requestId, cancellationToken).ConfigureAwait(false);

        // The API returns the system message and a suffix of the rest; hand back the caller's own message objects
        // (ids, reasoning, properties intact), checked against what came back.
        List<ClovaTokenizedMessage?> kept = result.Messages is { } returned ? [.. returned] : throw ClovaErrors.Protocol("the sliding window returned no messages list", requestId);
        if (kept.Contains(null))
        {
            throw ClovaErrors.Protocol("the sliding window returned a null message", requestId);
        }

        int keptTurns = kept.Count(m => m!.Role != "system");
        List<int> others = [.. Enumerable.Range(0, messages.Count).Where(i => messages[i].Role != ChatRole.System)];
        if (keptTurns > others.Count)
        {
            throw ClovaErrors.Protocol($"the sliding window returned {keptTurns} messages for the {others.Count} sent", requestId);
        }

        if (keptTurns == 0 && others.Count > 0)
        {
            // The newest turn always fits (the API drops only older ones): keeping none is a broken answer, and
            // returning the system message alone would silently lose the question.
            throw ClovaErrors.Protocol("the sliding window kept no user or assistant message", requestId);
        }

        // Only the count is used to pick the caller's own messages, so the answer must be the history's tail, role
        // by role; anything else is not a window of this history and would hand back messages it did not keep.
        List<int> tail = [.. others.Skip(others.Count - keptTurns)];
        int position = 0;
        foreach (ClovaTokenizedMessage? message in kept)
        {
            if (message!.Role == "system")
            {
                continue;
            }

            if (!string.Equals(message.Role, messages[tail[position++]].Role.Value, StringComparison.OrdinalIgnoreCase))
            {
                throw ClovaErrors.Protocol("the sliding window returned roles that do not match the end of the history", requestId);
            }
        }

        if (!tail.Any(i => messages[i].Role == ChatRole.User) && others.Any(i => messages[i].Role == ChatRole.User))
        {
            // An assistant message alone leaves the model nothing to answer: every question would be lost.
            throw ClovaErrors.Protocol("the sliding window kept no user message", requestId);
        }

        return SystemAnd(messages, tail);
    }

    private async Task<IEnumerable<ChatMessage>> TrimLocallyAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        ClovaTokenCount count = await _counter.CountAsync(messages, null, cancellationToken).ConfigureAwait(false);
        int overhead = _options.MessageOverheadTokens;
        List<List<int>> turns = ChatTurns.Group(messages);
        // In long: the counts are bounded by the counter, but the caller's overhead times many messages is not.
        var turnCosts = turns.Select(turn => turn.Sum(i => (long)count.MessageCounts[i] + overhead)).ToList();
        long total = count.SystemCount + (count.SystemCount > 0 ? overhead : 0) + turnCosts.Sum();

        // Oldest turns go first; the newest always stays (without it there is nothing to answer).
        int dropped = 0;
        while (total > TokenBudget && dropped < turns.Count - 1)
        {
            total -= turnCosts[dropped];
            dropped++;
        }

        if (dropped == 0)
        {
            return messages;
        }

        return SystemAnd(messages, turns.Skip(dropped).SelectMany(t => t));
    }

    /// <summary>The caller's messages that stay: every system message and the given indices, in original order.</summary>
    private static List<ChatMessage> SystemAnd(IReadOnlyList<ChatMessage> messages, IEnumerable<int> kept)
    {
        var keep = new HashSet<int>(kept);
        return [.. Enumerable.Range(0, messages.Count).Where(i => messages[i].Role == ChatRole.System || keep.Contains(i)).Select(i => messages[i])];
    }
}
