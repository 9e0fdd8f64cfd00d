using System.Text.Json;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Issue 14: what the RAG tools send (verbatim JSON), what they refuse before sending, and how they read replies.</summary>
public sealed class RagToolkitRequestTests
{
    private static readonly ClovaDocument[] Documents = [new("faq-7", "환불은 승인 후 3영업일 안에 처리됩니다."), new("faq-9", "배송비는 주문 금액에 따라 다릅니다.")];

    [Fact]
    public async Task The_reranker_sends_the_documented_body_and_maps_the_documented_reply()
    {
        var handler = new RecordingHandler(ClovaBody.Ok("""{"result":"답변: <doc1>승인 후 3영업일 안에</doc1> 환불됩니다.","citedDocuments":[{"id":"faq-7","doc":"환불은 승인 후 3영업일 안에 처리됩니다."}],"suggestedQueries":[],"usage":{"promptTokens":212,"completionTokens":24,"totalTokens":236}}"""));
        using ClovaClient client = RecordingHandler.Client(handler);

        ClovaCitedAnswer answer = await client.GetReranker().AnswerWithCitationsAsync("환불은 언제 되나요?", Documents, maxTokens: 512);

        Assert.Equal("""{"query":"환불은 언제 되나요?","documents":[{"id":"faq-7","doc":"환불은 승인 후 3영업일 안에 처리됩니다."},{"id":"faq-9","doc":"배송비는 주문 금액에 따라 다릅니다."}],"maxTokens":512}""", handler.LastBody);
        Assert.Equal("/v1/api-tools/reranker", handler.LastRequest.RequestUri!.AbsolutePath);
        Assert.Equal("답변: <doc1>승인 후 3영업일 안에</doc1> 환불됩니다.", answer.Answer);
        Assert.Equal(new ClovaDocument("faq-7", "환불은 승인 후 3영업일 안에 처리됩니다."), Assert.Single(answer.CitedDocuments));
        Assert.Empty(answer.SuggestedQueries);
        Assert.Equal(212, answer.Usage!.InputTokenCount);
        Assert.Equal(24, answer.Usage.OutputTokenCount);
        Assert.Equal(236, answer.Usage.TotalTokenCount);
        Assert.Equal(handler.LastRequest.Headers.GetValues("X-NCP-CLOVASTUDIO-REQUEST-ID").Single(), answer.RequestId);
    }

    [Fact]
    public async Task Summarization_sends_only_what_was_set_and_maps_text_and_tokens()
    {
        var handler = new RecordingHandler(ClovaBody.Ok("""{"text":"- 3분기 매출 12% 증가, 비용 5% 증가","inputTokens":41}"""));
        using ClovaClient client = RecordingHandler.Client(handler);

        ClovaSummary summary = await client.GetSummarizer().SummarizeAsync("3분기 매출은 12% 늘었고 신규 고객은 8천 명이다. 비용은 마케팅 확대로 5% 증가했다.", new ClovaSummarizationOptions { SegmentCount = -1 });

        Assert.Equal("""{"texts":["3분기 매출은 12% 늘었고 신규 고객은 8천 명이다. 비용은 마케팅 확대로 5% 증가했다."],"segCount":-1}""", handler.LastBody);
        Assert.Equal("/v1/api-tools/summarization/v2", handler.LastRequest.RequestUri!.AbsolutePath);
        Assert.Equal("- 3분기 매출 12% 증가, 비용 5% 증가", summary.Text);
        Assert.Equal(41, summary.InputTokens);
    }

    [Fact]
    public async Task Segmentation_sends_the_documented_body_and_maps_paragraphs_and_spans()
    {
        var handler = new RecordingHandler(ClovaBody.Ok("""{"topicSeg":[["배송은 2일 걸립니다.","주말은 제외됩니다."],["환불은 앱에서 신청합니다."]],"span":[[0,1],[2]],"inputTokens":19}"""));
        using ClovaClient client = RecordingHandler.Client(handler);

        ClovaSegmentation segmentation = await client.GetSegmenter().SegmentAsync("배송은 2일 걸립니다.\n주말은 제외됩니다.\n환불은 앱에서 신청합니다.", new ClovaSegmentationOptions { Alpha = -100, SegmentCount = -1 });

        Assert.Equal("""{"text":"배송은 2일 걸립니다.\n주말은 제외됩니다.\n환불은 앱에서 신청합니다.","alpha":-100,"segCnt":-1}""", handler.LastBody);
        Assert.Equal("/v1/api-tools/segmentation", handler.LastRequest.RequestUri!.AbsolutePath);
        Assert.Equal(["배송은 2일 걸립니다.", "주말은 제외됩니다."], segmentation.Paragraphs[0]);
        Assert.Equal(["환불은 앱에서 신청합니다."], segmentation.Paragraphs[1]);
        Assert.Equal([0, 1], segmentation.Spans[0]);
        Assert.Equal([2], segmentation.Spans[1]);
        Assert.Equal(19, segmentation.InputTokens);
    }

    [Fact]
    public async Task The_router_sends_the_query_and_only_the_user_turns_and_maps_every_verdict()
    {
        var handler = new RecordingHandler(ClovaBody.Ok("""{"domain":{"result":"환불","called":true},"blockedContent":{"result":["욕설"],"called":true},"safety":{"result":[],"called":false},"usage":{"promptTokens":30,"completionTokens":2,"totalTokens":32}}"""));
        using ClovaClient client = RecordingHandler.Client(handler);
        List<ChatMessage> history = [new(ChatRole.User, "주문했어요"), new(ChatRole.Assistant, "네"), new(ChatRole.User, "취소할래요")];

        ClovaRoute route = await client.GetRouter("abc123", 2).RouteAsync("환불해 주세요", history);

        Assert.Equal("""{"query":"환불해 주세요","chatHistory":[{"role":"user","content":"주문했어요"},{"role":"user","content":"취소할래요"}]}""", handler.LastBody);
        Assert.Equal("/v1/routers/abc123/versions/2/route", handler.LastRequest.RequestUri!.AbsolutePath);
        Assert.Equal("환불", route.Domain);
        Assert.True(route.DomainCalled);
        Assert.Equal(["욕설"], route.BlockedContent);
        Assert.Empty(route.Safety);
        Assert.False(route.SafetyCalled);
        Assert.Equal(32, route.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task A_router_answer_with_an_empty_domain_means_no_domain()
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok("""{"domain":{"result":"","called":true},"blockedContent":{"result":[],"called":true},"safety":{"result":[],"called":true}}""")));

        ClovaRoute route = await client.GetRouter("abc123", 1).RouteAsync("날씨 어때?");

        Assert.Null(route.Domain);
        Assert.True(route.DomainCalled);
        Assert.Null(route.Usage);
    }

    public static TheoryData<Func<ClovaClient, Task>, string> Refusals => new()
    {
        { c => c.GetReranker().AnswerWithCitationsAsync(" ", Documents), "query must not be empty" },
        { c => c.GetReranker().AnswerWithCitationsAsync("q", []), "at least one document" },
        { c => c.GetReranker().AnswerWithCitationsAsync("q", [new ClovaDocument("", "t")]), "documents[0] must have an Id and a Text" },
        { c => c.GetReranker().AnswerWithCitationsAsync("q", Documents, maxTokens: 4097), "1 to 4,096" },
        { c => c.GetSummarizer().SummarizeAsync(new string('가', 35_001)), "35,001 characters; summarization takes up to 35,000" },
        { c => c.GetSummarizer().SummarizeAsync(""), "CLOVA answers 40004" },
        { c => c.GetSummarizer().SummarizeAsync("t", new ClovaSummarizationOptions { SegmentCount = 0 }), "SegmentCount (segCount) must be -1 (automatic) or 1 and up" },
        { c => c.GetSummarizer().SummarizeAsync("t", new ClovaSummarizationOptions { SegmentMaxSize = 3001 }), "SegmentMaxSize (segMaxSize) must be 1 to 3,000" },
        { c => c.GetSummarizer().SummarizeAsync("t", new ClovaSummarizationOptions { SegmentMaxSize = 500, SegmentMinSize = 600 }), "SegmentMinSize (segMinSize) must be 0 to 500 (SegmentMaxSize)" },
        { c => c.GetSummarizer().SummarizeAsync("t", new ClovaSummarizationOptions { SegmentMinSize = 1001 }), "must be 0 to 1,000 (SegmentMaxSize)" },
        { c => c.GetSegmenter().SegmentAsync(new string('가', 120_001)), "120,001 characters; segmentation takes up to 120,000" },
        { c => c.GetSegmenter().SegmentAsync("t", new ClovaSegmentationOptions { Alpha = 1.6 }), "Alpha (alpha) must be -100 (automatic) or between -1.5 and 1.5" },
        { c => c.GetSegmenter().SegmentAsync("t", new ClovaSegmentationOptions { Alpha = double.NaN }), "between -1.5 and 1.5" },
        { c => c.GetSegmenter().SegmentAsync("t", new ClovaSegmentationOptions { SegmentCount = -2 }), "SegmentCount (segCnt)" },
        { c => c.GetSegmenter().SegmentAsync("t", new ClovaSegmentationOptions { PostProcessMaxSize = 0 }), "PostProcessMaxSize (postProcessMaxSize) must be 1 or more" },
        { c => c.GetSegmenter().SegmentAsync("t", new ClovaSegmentationOptions { PostProcessMinSize = -2 }), "PostProcessMinSize" },
        { c => c.GetRouter("r", 1).RouteAsync(""), "query must not be empty" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Every_documented_limit_is_refused_by_name_before_sending(Func<ClovaClient, Task> call, string expected)
    {
        var handler = new RecordingHandler(ClovaBody.Ok("{}"));
        using ClovaClient client = RecordingHandler.Client(handler);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(client));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("""{"citedDocuments":[],"suggestedQueries":[]}""", "no answer")]
    [InlineData("""{"result":"a","citedDocuments":[null]}""", "a cited document is null")]
    [InlineData("""{"result":"a","citedDocuments":[{"id":"x"}]}""", "lacks its id or doc")]
    [InlineData("""{"result":"a","suggestedQueries":[null]}""", "suggestedQueries holds a null entry")]
    [InlineData("""{"result":"a","usage":{"promptTokens":-3}}""", "usage.promptTokens is -3")]
    public async Task A_broken_reranker_reply_is_a_ClovaException(string result, string expected)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(result)));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetReranker().AnswerWithCitationsAsync("q", Documents));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"span":[]}""", "no topicSeg")]
    [InlineData("""{"topicSeg":[null]}""", "null paragraph")]
    [InlineData("""{"topicSeg":[["a",null]]}""", "topicSeg holds a null entry")]
    [InlineData("""{"topicSeg":[["a"],["b"]],"span":[[0]]}""", "span has 1 entries for 2 paragraphs")]
    [InlineData("""{"topicSeg":[["a"]],"inputTokens":2147483647}""", "not a token count")]
    [InlineData("""{"topicSeg":[["a"]],"span":[[-1]]}""", "negative sentence index")]
    [InlineData("""{"topicSeg":[["a"]],"span":[["0"]]}""", "not a CLOVA JSON envelope")]
    public async Task A_broken_segmentation_reply_is_a_ClovaException(string result, string expected)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(result)));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetSegmenter().SegmentAsync("t"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_legacy_key_pair_uses_the_app_id_paths_where_documented_and_is_refused_clearly_elsewhere()
    {
        var handler = new RecordingHandler(ClovaBody.Ok("""{"text":"요약","inputTokens":3}"""));
        using ClovaClient client = RecordingHandler.Client(handler, o =>
        {
            o.ApiKey = null;
            o.LegacyApiKey = "legacy";
            o.LegacyApiGatewayKey = "gateway";
            o.AppPath = "testapp";
            o.LegacyAppId = "0123456789abcdef0123456789abcdef";
        });

        await client.GetSummarizer().SummarizeAsync("텍스트");

        Assert.Equal("/testapp/v1/api-tools/summarization/v2/0123456789abcdef0123456789abcdef", handler.LastRequest.RequestUri!.AbsolutePath);
        Assert.Contains("no legacy API-gateway form", Assert.Throws<InvalidOperationException>(() => client.GetReranker()).Message, StringComparison.Ordinal);
        Assert.Contains("no legacy API-gateway form", Assert.Throws<InvalidOperationException>(() => client.GetRagReasoningClient()).Message, StringComparison.Ordinal);
        Assert.Contains("no legacy API-gateway form", Assert.Throws<InvalidOperationException>(() => client.GetRouter("r", 1)).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(client.GetToolFunctions(), f => f.Name == "clova_answer_with_citations");
    }

    [Fact]
    public async Task The_tools_as_AIFunctions_call_CLOVA_and_return_readable_JSON()
    {
        var handler = new RecordingHandler(request => new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new StringContent(request.RequestUri!.AbsolutePath.EndsWith("reranker", StringComparison.Ordinal)
                ? ClovaBody.Ok("""{"result":"답변","citedDocuments":[{"id":"faq-7","doc":"환불 문서"}],"suggestedQueries":[]}""")
                : ClovaBody.Ok("""{"text":"- 요약","inputTokens":3}"""), System.Text.Encoding.UTF8, "application/json"),
        });
        using ClovaClient client = RecordingHandler.Client(handler);
        IReadOnlyList<AIFunction> functions = client.GetToolFunctions();

        object? summary = await functions.Single(f => f.Name == "clova_summarize").InvokeAsync(new AIFunctionArguments { ["text"] = "긴 글" });
        object? cited = await functions.Single(f => f.Name == "clova_answer_with_citations").InvokeAsync(new AIFunctionArguments
        {
            ["query"] = "환불?",
            ["documents"] = JsonDocument.Parse("""[{"id":"faq-7","text":"환불 문서"}]""").RootElement,
        });

        Assert.Equal(["clova_summarize", "clova_segment", "clova_answer_with_citations"], functions.Select(f => f.Name));
        Assert.Equal("- 요약", summary?.ToString());
        Assert.Equal("""{"answer":"답변","citedDocuments":[{"id":"faq-7","text":"환불 문서"}]}""", ((JsonElement)cited!).GetRawText());
        Assert.Equal("""{"query":"환불?","documents":[{"id":"faq-7","doc":"환불 문서"}]}""", handler.LastBody);
        Assert.Equal("object", functions[0].JsonSchema.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"result":"a","citedDocuments":[{"id":"doc999","doc":"text never sent"}]}""", "not one of the documents sent")]
    public async Task A_cited_document_the_caller_never_sent_is_a_ClovaException(string result, string expected)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(result)));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetReranker().AnswerWithCitationsAsync("q", Documents));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cited_document_comes_back_with_the_callers_own_text_even_if_the_service_rewrote_it()
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok("""{"result":"a","citedDocuments":[{"id":"faq-7","doc":"rewritten"}]}""")));

        ClovaCitedAnswer answer = await client.GetReranker().AnswerWithCitationsAsync("q", Documents);

        Assert.Equal("환불은 승인 후 3영업일 안에 처리됩니다.", Assert.Single(answer.CitedDocuments).Text);
    }

    [Fact]
    public async Task Segmentation_spans_pointing_past_the_sentences_are_a_ClovaException()
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok("""{"topicSeg":[["only sentence"]],"span":[[0,2147483647]],"inputTokens":3}""")));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetSegmenter().SegmentAsync("t"));

        Assert.Contains("span points past the 1 sentences", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("""[{"id":"1","text":5}]""")]
    public async Task Documents_of_the_wrong_shape_from_a_model_are_an_ArgumentException_naming_documents(string documents)
    {
        var handler = new RecordingHandler(ClovaBody.Ok("{}"));
        using ClovaClient client = RecordingHandler.Client(handler);
        AIFunction cite = client.GetToolFunctions().Single(f => f.Name == "clova_answer_with_citations");

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await cite.InvokeAsync(new AIFunctionArguments { ["query"] = "q", ["documents"] = documents }));

        Assert.Equal("documents", error.ParamName);
        Assert.Empty(handler.Requests);
    }
}
