using System.Text.Json.Nodes;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>The documentation's own wire samples replayed through the client (see Payloads/README.md).</summary>
public sealed class RecordedPayloadTests
{
    [Fact]
    public async Task The_documented_HCX_007_response_maps_to_reasoning_answer_usage_and_creation_time_as_sent()
    {
        string body = Payload.Read("v3-thinking-response.ja.json");
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(body));
        JsonNode expected = JsonNode.Parse(body)!["result"]!;

        ChatResponse response = await client.GetChatClient(ClovaModels.Hcx007).GetResponseAsync("部分集合");

        Assert.Equal((string)expected["message"]!["content"]!, response.Text);
        Assert.Equal((string)expected["message"]!["thinkingContent"]!, Assert.IsType<TextReasoningContent>(response.Messages[0].Contents[0]).Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1753362971), response.CreatedAt);
        Assert.Equal(1561390649L, response.AdditionalProperties![ClovaPropertyNames.Seed]);
        Assert.Equal(1561390649L, response.Messages[0].AdditionalProperties![ClovaPropertyNames.Seed]);
        Assert.Equal(58, response.Usage!.InputTokenCount);
        Assert.Equal(631, response.Usage.OutputTokenCount);
        Assert.Equal(689, response.Usage.TotalTokenCount);
        Assert.Equal(366, response.Usage.ReasoningTokenCount);
    }

    [Fact]
    public async Task The_documented_HCX_007_stream_rebuilds_to_the_result_events_full_text_without_duplication()
    {
        string sse = Payload.Read("v3-thinking-stream.ja.sse");
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(sse, "text/event-stream"));

        List<ChatResponseUpdate> updates = await client.GetChatClient(ClovaModels.Hcx007).GetStreamingResponseAsync("部分集合").CollectAsync();

        ChatResponse rebuilt = updates.ToChatResponse();
        Assert.Equal("今日", Assert.IsType<TextReasoningContent>(Assert.Single(updates[0].Contents)).Text);
        Assert.Equal("部分", updates[1].Text);
        Assert.StartsWith("部分集合の数は、各要素を**含むか含まないか**で決まります。", rebuilt.Text, StringComparison.Ordinal);
        Assert.EndsWith("公式の**2ⁿ**は完全で一貫した結果を提供します。", rebuilt.Text, StringComparison.Ordinal);
        Assert.Equal(1, CountOccurrences(rebuilt.Text, "部分集合の数は、各要素を"));
        string reasoning = string.Concat(rebuilt.Messages[0].Contents.OfType<TextReasoningContent>().Select(r => r.Text));
        Assert.StartsWith("今日ユーザーが質問した問題は", reasoning, StringComparison.Ordinal);
        Assert.Equal(1, CountOccurrences(reasoning, "今日ユーザー"));
        Assert.Single(rebuilt.Messages);
        Assert.Equal(646, rebuilt.Usage!.TotalTokenCount);
        Assert.Equal(361, rebuilt.Usage.ReasoningTokenCount);
        Assert.Equal(3219533885L, rebuilt.Messages[0].AdditionalProperties![ClovaPropertyNames.Seed]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1744710905), rebuilt.CreatedAt);
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
