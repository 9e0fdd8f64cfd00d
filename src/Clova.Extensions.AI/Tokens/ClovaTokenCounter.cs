using System.Text.Json;
using Clova.Chat;
using Clova.Internal;
using Clova.Rules;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova;

/// <summary>
/// CLOVA's token calculators, from <see cref="ClovaClient.GetTokenCounter"/>: the v3 chat calculator
/// (<c>/v3/api-tools/chat-tokenize/{model}</c>: text, images, tool calls and results, tools, response format), the
/// v1 one (<c>/v1/api-tools/chat-tokenize/{model}</c>) and the embedding-v2 tokenizer. Counts are of the body the
/// chat client would send, so they match what a chat call costs.
/// </summary>
public sealed class ClovaTokenCounter
{
    private readonly ClovaTransport _transport;
    private readonly ClovaApiVersion _version;

    internal ClovaTokenCounter(ClovaTransport transport, string modelId, ClovaApiVersion version)
    {
        _transport = transport;
        ModelId = modelId;
        _version = version == ClovaApiVersion.Auto ? ClovaModelCatalog.Get(modelId).DefaultApi : version;
    }

    /// <summary>Gets the model whose tokenizer counts.</summary>
    public string ModelId { get; }

    /// <summary>Counts a conversation, with the tools and response format of <paramref name="options"/> (v3).</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">Supplies <c>Instructions</c>, <c>Tools</c>, <c>ToolMode</c> and <c>ResponseFormat</c>; other options do not change counts.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The counts.</returns>
    public async Task<ClovaTokenCount> CountAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        List<ChatMessage> list = [.. messages ?? throw new ArgumentNullException(nameof(messages))];
        ClovaRuleBook.CheckMessages(list, options?.Instructions);
        var sources = new List<int>();
        List<ClovaRequestMessage> mapped = ChatRequestMapper.ToClovaMessages(list, options?.Instructions, sources);
        string requestId = ClovaTransport.NewRequestId();
        List<ClovaTokenizedMessage>? counted;
        int? toolsCount = null;
        int? formatCount = null;
        if (_version == ClovaApiVersion.V1)
        {
            ClovaRuleBook.CheckTextOnly(mapped, $"The v1 token calculator ({ModelId})");

            byte[] body = JsonSerializer.SerializeToUtf8Bytes(new ClovaV1MessagesRequest { Messages = mapped }, ClovaJson.Context.ClovaV1MessagesRequest);
            ClovaMessagesResult result = await _transport.PostJsonAsync(ClovaApiPaths.ChatTokenize(ClovaApiVersion.V1, ModelId), body, ClovaJson.Context.ClovaMessagesResult, requestId, cancellationToken).ConfigureAwait(false);
            counted = result.Messages;
        }
        else
        {
            ClovaRuleBook.CheckResponseFormatOption(options?.ResponseFormat);
            var request = new ClovaTokenizeRequest { Messages = mapped, ResponseFormat = ChatRequestMapper.ToClovaResponseFormat(options?.ResponseFormat) };
            if (options?.Tools is { Count: > 0 } tools)
            {
                ClovaRuleBook.CheckToolMode(options.ToolMode, tools.Count);
                request.Tools = ChatRequestMapper.ToClovaTools(tools);
                request.ToolChoice = ChatRequestMapper.ToClovaToolChoice(options.ToolMode, tools);
            }

            byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, ClovaJson.Context.ClovaTokenizeRequest);
            ClovaTokenizeResult result = await _transport.PostJsonAsync(ClovaApiPaths.ChatTokenize(ClovaApiVersion.V3, ModelId), body, ClovaJson.Context.ClovaTokenizeResult, requestId, cancellationToken).ConfigureAwait(false);
            counted = result.Messages;
            toolsCount = result.Tools?.Count;
            formatCount = result.ResponseFormat?.Count;
        }

        return ToTokenCount(counted, sources, list.Count, toolsCount, formatCount, requestId);
    }

    /// <summary>Counts text with the embedding-v2 tokenizer (<c>/v1/api-tools/embedding/v2/tokenize</c>); up to 8,192 tokens embed.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The number of tokens.</returns>
    public Task<int> CountEmbeddingTokensAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return CountEmbeddingTokensAsync(_transport, text, cancellationToken);
    }

    /// <summary>The embedding-v2 tokenizer call, shared with the embedding generator's length pre-check.</summary>
    internal static async Task<int> CountEmbeddingTokensAsync(ClovaTransport transport, string text, CancellationToken cancellationToken)
    {
        string requestId = ClovaTransport.NewRequestId();
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new ClovaTextRequest { Text = text }, ClovaJson.Context.ClovaTextRequest);
        ClovaNumTokensResult result = await transport.PostJsonAsync(ClovaApiPaths.EmbeddingV2Tokenize, body, ClovaJson.Context.ClovaNumTokensResult, requestId, cancellationToken).ConfigureAwait(false);
        return result.NumTokens is null
            ? throw ClovaErrors.Protocol("the tokenizer result has no numTokens", requestId)
            : CheckCount(result.NumTokens, "numTokens", requestId);
    }

    /// <summary>Returns the model and API; never a key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"ClovaTokenCounter {{ Model = {ModelId}, Api = {_version} }}";

    /// <summary>Attributes each counted CLOVA message back to the input message it came from.</summary>
    internal static ClovaTokenCount ToTokenCount(List<ClovaTokenizedMessage>? counted, List<int> sources, int inputCount, int? toolsCount, int? formatCount, string requestId)
    {
        if (counted is null || counted.Count != sources.Count)
        {
            throw ClovaErrors.Protocol($"the calculator counted {counted?.Count ?? 0} messages for the {sources.Count} sent", requestId);
        }

        // Each count alone is bounded, but several can still add up past int (an OverflowException, or a negative
        // total where the sum is unchecked). The running total is kept in long and held to the same bound, so no
        // partial sum below can overflow either.
        var perMessage = new int[inputCount];
        int system = 0;
        long total = 0;
        for (int i = 0; i < counted.Count; i++)
        {
            int tokens = CheckedTotal(counted[i], i, requestId);
            total = CheckSum(total + tokens, requestId);
            if (sources[i] < 0)
            {
                system += tokens;
            }
            else
            {
                perMessage[sources[i]] += tokens;
            }
        }

        total += CheckCount(toolsCount, "tools.count", requestId);
        total += CheckCount(formatCount, "responseFormat.count", requestId);
        return new ClovaTokenCount
        {
            SystemCount = system,
            MessageCounts = perMessage,
            ToolsCount = toolsCount,
            ResponseFormatCount = formatCount,
            Total = CheckSum(total, requestId),
        };
    }

    /// <summary>The counts added so far, which no real request can take past <see cref="ClovaWireChecks.MaxCount"/>.</summary>
    private static int CheckSum(long total, string requestId) =>
        total > ClovaWireChecks.MaxCount
            ? throw ClovaErrors.Protocol($"the calculator's counts add up to {total:N0} tokens in total, more than any model takes ({ClovaWireChecks.MaxCount:N0})", requestId)
            : (int)total;

    /// <summary>A message's count, its own or its parts' sum, checked: a null entry or an impossible count is a protocol error.</summary>
    private static int CheckedTotal(ClovaTokenizedMessage? message, int index, string requestId)
    {
        if (message is null)
        {
            throw ClovaErrors.Protocol($"the calculator's message {index} is null", requestId);
        }

        long total = 0;
        if (message.Count is { } count)
        {
            total = CheckCount(count, $"messages[{index}].count", requestId);
        }
        else
        {
            // Every counted part carries its count (v3), and a v1 message its own; a part without one would be
            // counted as zero, a figure the service never gave. (A v3 message with no content, such as one holding
            // only tool calls, has no parts and rightly counts nothing here.)
            foreach (ClovaTokenizedPart? part in message.Content ?? [])
            {
                total += part is null
                    ? throw ClovaErrors.Protocol($"the calculator's message {index} holds a null content part", requestId)
                    : part.Count is null
                        ? throw ClovaErrors.Protocol($"the calculator gave message {index} no count", requestId)
                        : CheckCount(part.Count, $"messages[{index}].content.count", requestId);
            }
        }

        return (int)CheckCount((int)Math.Min(total, int.MaxValue), $"messages[{index}] in total", requestId);
    }

    private static int CheckCount(int? count, string field, string requestId)
    {
        try
        {
            return ClovaWireChecks.Count(count, field) ?? 0;
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ClovaErrors.Protocol(e.Message, requestId, e);
        }
    }
}
