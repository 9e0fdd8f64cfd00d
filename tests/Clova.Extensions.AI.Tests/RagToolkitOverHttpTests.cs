using Clova.Emulator;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Issue 14: the RAG tools over real HTTP against the emulator, including retries, errors and the RAG tool loop.</summary>
public sealed class RagToolkitOverHttpTests
{
    [Fact]
    public async Task Segment_embed_retrieve_and_answer_with_citations_work_end_to_end()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();

        ClovaSegmentation segmentation = await session.Client.GetSegmenter().SegmentAsync("배송은 2일 걸립니다.\n주말은 제외됩니다.\n환불은 앱에서 신청합니다.", new ClovaSegmentationOptions { Alpha = -100, SegmentCount = -1 });
        ClovaDocument[] documents = [.. segmentation.Paragraphs.Select((p, i) => new ClovaDocument($"p{i}", string.Join(" ", p)))];
        ClovaCitedAnswer answer = await session.Client.GetReranker().AnswerWithCitationsAsync("환불은 어디서 신청하나요?", documents);

        Assert.Equal(2, segmentation.Paragraphs.Count);
        Assert.Equal([2], segmentation.Spans[1]);
        Assert.Equal("답변: <doc1>환불은 앱에서 신청합니다.</doc1>", answer.Answer);
        Assert.Equal("p1", Assert.Single(answer.CitedDocuments).Id);
        Assert.True(answer.Usage!.TotalTokenCount > 0);
        Assert.Equal(answer.RequestId, session.Emulator.LastRequest!.Header("X-NCP-CLOVASTUDIO-REQUEST-ID"));
    }

    [Fact]
    public async Task Summarization_and_the_router_answer_over_http()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();

        ClovaSummary summary = await session.Client.GetSummarizer().SummarizeAsync("3분기 매출은 12% 늘었다. 비용은 5% 증가했다.");
        ClovaRoute route = await session.Client.GetRouter("demo-router", 1).RouteAsync("택배가 안 와요", [new ChatMessage(ChatRole.User, "주문했어요")]);

        Assert.Equal("- 3분기 매출은 12% 늘었다.", summary.Text);
        Assert.Equal("배송", route.Domain);
        Assert.Empty(route.BlockedContent);
        Assert.Equal("/v1/routers/demo-router/versions/1/route", session.Emulator.LastRequest!.Path);
    }

    [Fact]
    public async Task A_service_error_is_a_ClovaException_with_code_and_request_id()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Client.GetRouter("no-such-router", 1).RouteAsync("q"));

        Assert.Equal("40400", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.NotNull(error.RequestId);
    }

    [Fact]
    public async Task A_rate_limited_tool_call_is_retried_with_the_same_request_id()
    {
        var options = new ClovaEmulatorOptions { RateLimitRequests = 1, RateLimitWindow = TimeSpan.FromMilliseconds(300) };
        await using EmulatorSession session = await EmulatorSession.StartAsync(options);

        await session.Client.GetSummarizer().SummarizeAsync("첫 글.");
        ClovaSummary second = await session.Client.GetSummarizer().SummarizeAsync("둘째 글.");

        Assert.Equal("- 둘째 글.", second.Text);
        var attempts = session.Emulator.Requests.Where(r => r.Header("X-NCP-CLOVASTUDIO-REQUEST-ID") == second.RequestId).ToList();
        Assert.True(attempts.Count >= 2, "the second call should have met the rate limit and been retried");
    }

    [Fact]
    public async Task The_rag_reasoning_tool_loop_runs_by_hand_and_ends_with_a_cited_answer()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();
        IChatClient rag = session.Client.GetRagReasoningClient();
        AIFunction search = AIFunctionFactory.Create(
            (string query) => """{"search_result":[{"id":"doc-9","doc":"배송은 2일 걸립니다."},{"id":"doc-179","doc":"환불은 3영업일 안에 처리됩니다."}]}""",
            "search",
            "Searches the help centre");
        var options = new ChatOptions { Tools = [search] };
        List<ChatMessage> history = [new(ChatRole.User, "환불은 언제 되나요?")];

        ChatResponse response = await rag.GetResponseAsync(history, options);
        for (int round = 0; round < 3 && response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList() is { Count: > 0 } calls; round++)
        {
            history.AddRange(response.Messages);
            foreach (FunctionCallContent call in calls)
            {
                object? result = await search.InvokeAsync(new AIFunctionArguments(call.Arguments));
                history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result?.ToString())]));
            }

            response = await rag.GetResponseAsync(history, options);
        }

        Assert.Equal("답변: <doc-179>환불은 3영업일 안에 처리됩니다.</doc-179>", response.Text);
        Assert.Equal(["doc-179"], (IReadOnlyList<string>)response.AdditionalProperties![ClovaPropertyNames.CitedIds]!);
        Assert.Equal(2, session.Emulator.Requests.Count);
        Assert.All(session.Emulator.Requests, r => Assert.Equal("/v1/api-tools/rag-reasoning", r.Path));
    }

    [Fact]
    public async Task The_tool_functions_reach_the_emulator()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();
        AIFunction segment = session.Client.GetToolFunctions().Single(f => f.Name == "clova_segment");

        object? paragraphs = await segment.InvokeAsync(new AIFunctionArguments { ["text"] = "배송은 2일 걸립니다.\n주말은 제외됩니다.\n환불은 앱에서 신청합니다." });

        Assert.Equal("""["배송은 2일 걸립니다. 주말은 제외됩니다.","환불은 앱에서 신청합니다."]""", ((System.Text.Json.JsonElement)paragraphs!).GetRawText());
    }
}
