using System.Net;
using System.Text.Json;
using Clova.Emulator.Tests.Infrastructure;

namespace Clova.Emulator.Tests;

/// <summary>
/// The emulator's RAG tools (clova-tools.md sections 4–8) with a bare <see cref="HttpClient"/>: the docs' own examples,
/// the documented limits and codes, and the deterministic behaviours users' tests rely on.
/// </summary>
public sealed class RagToolEndpointTests : EmulatorTestBase
{
    private const string RerankExample = """{"query":"환불은 언제 되나요?","documents":[{"id":"faq-7","doc":"환불은 승인 후 3영업일 안에 처리됩니다."},{"id":"faq-9","doc":"배송비는 주문 금액에 따라 다릅니다."}],"maxTokens":512}""";
    [Fact]
    public async Task The_reranker_answers_the_docs_example_citing_the_refund_document_by_position_and_echoing_it()
    {
        (HttpStatusCode status, JsonElement body) = await PostAsync("v1/api-tools/reranker", RerankExample);

        Assert.Equal(HttpStatusCode.OK, status);
        JsonElement result = body.GetProperty("result");
        Assert.Equal("답변: <doc1>환불은 승인 후 3영업일 안에 처리됩니다.</doc1>", result.GetProperty("result").GetString());
        Assert.Equal("""[{"id":"faq-7","doc":"환불은 승인 후 3영업일 안에 처리됩니다."}]""", result.GetProperty("citedDocuments").GetRawText());
        Assert.Equal(0, result.GetProperty("suggestedQueries").GetArrayLength());
        JsonElement usage = result.GetProperty("usage");
        Assert.Equal(usage.GetProperty("promptTokens").GetInt32() + usage.GetProperty("completionTokens").GetInt32(), usage.GetProperty("totalTokens").GetInt32());
    }

    [Fact]
    public async Task The_reranker_suggests_queries_and_cites_nothing_when_no_document_shares_a_word()
    {
        (_, JsonElement body) = await PostAsync("v1/api-tools/reranker", """{"query":"포인트 적립","documents":[{"id":"a","doc":"배송비는 주문 금액에 따라 다릅니다."}]}""");

        JsonElement result = body.GetProperty("result");
        Assert.Equal(0, result.GetProperty("citedDocuments").GetArrayLength());
        Assert.Equal(2, result.GetProperty("suggestedQueries").GetArrayLength());
    }

    [Theory]
    [InlineData("v1/api-tools/reranker", """{"query":"","documents":[{"id":"a","doc":"b"}]}""", "40004")]
    [InlineData("v1/api-tools/reranker", """{"query":"q","documents":[]}""", "40001")]
    [InlineData("v1/api-tools/reranker", """{"query":"q","documents":[{"id":"a"}]}""", "40001")]
    [InlineData("v1/api-tools/reranker", """{"query":"q","documents":[{"id":"a","doc":"b"}],"maxTokens":4097}""", "40001")]
    [InlineData("v1/api-tools/reranker", """{"query":"q","documents":[{"id":"a","doc":"b"}],"topK":1}""", "40002")]
    [InlineData("v1/api-tools/summarization/v2", """{"texts":[]}""", "40004")]
    [InlineData("v1/api-tools/summarization/v2", """{"texts":["a"],"segMaxSize":3001}""", "40001")]
    [InlineData("v1/api-tools/summarization/v2", """{"texts":["a"],"segMaxSize":500,"segMinSize":501}""", "40001")]
    [InlineData("v1/api-tools/summarization/v2", """{"texts":["a"],"segCount":0}""", "40001")]
    [InlineData("v1/api-tools/segmentation", """{"text":""}""", "40004")]
    [InlineData("v1/api-tools/segmentation", """{"text":"a","alpha":2}""", "40001")]
    [InlineData("v1/api-tools/segmentation", """{"text":"a","segCnt":0}""", "40001")]
    [InlineData("v1/api-tools/segmentation", """{"text":"a","postProcessMaxSize":100,"postProcessMinSize":101}""", "40001")]
    [InlineData("v1/api-tools/rag-reasoning", """{"messages":[{"role":"user","content":"q"}]}""", "40001")]
    [InlineData("v1/api-tools/rag-reasoning", """{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":"search"}}],"maxTokens":512}""", "40001")]
    [InlineData("v1/api-tools/rag-reasoning", """{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":"search"}}],"thinking":{"effort":"low"}}""", "40002")]
    [InlineData("v1/routers/demo-router/versions/1/route", """{"query":""}""", "40004")]
    [InlineData("v1/routers/demo-router/versions/1/route", """{"query":"q","chatHistory":[{"role":"assistant","content":"a"}]}""", "40001")]
    [InlineData("v1/routers/demo-router/versions/2/route", """{"query":"q"}""", "40400")]
    public async Task Documented_violations_get_their_documented_code(string path, string request, string code)
    {
        (HttpStatusCode status, JsonElement body) = await PostAsync(path, request);

        Assert.Equal(code, body.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal((HttpStatusCode)int.Parse(code[..3]), status);
    }

    [Fact]
    public async Task Over_long_inputs_are_40003_for_summarization_and_segmentation()
    {
        (_, JsonElement summary) = await PostAsync("v1/api-tools/summarization/v2", JsonSerializer.Serialize(new { texts = new[] { new string('가', 20_000), new string('나', 15_001) } }));
        (_, JsonElement segments) = await PostAsync("v1/api-tools/segmentation", JsonSerializer.Serialize(new { text = new string('가', 120_001) }));

        Assert.Equal("40003", summary.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal("40003", segments.GetProperty("status").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Summarization_picks_the_leading_sentence_of_the_docs_example()
    {
        (HttpStatusCode status, JsonElement body) = await PostAsync("v1/api-tools/summarization/v2", """{"texts":["3분기 매출은 12% 늘었고 신규 고객은 8천 명이다. 비용은 마케팅 확대로 5% 증가했다."],"segCount":-1}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("- 3분기 매출은 12% 늘었고 신규 고객은 8천 명이다.", body.GetProperty("result").GetProperty("text").GetString());
        Assert.True(body.GetProperty("result").GetProperty("inputTokens").GetInt32() > 0);
    }

    [Theory]
    [InlineData("""{"text":"배송은 2일 걸립니다.\n주말은 제외됩니다.\n환불은 앱에서 신청합니다.","alpha":-100,"segCnt":-1}""")]
    [InlineData("""{"text":["배송은 2일 걸립니다.\n주말은 제외됩니다.\n환불은 앱에서 신청합니다."]}""")]
    public async Task Segmentation_gives_the_docs_example_its_documented_paragraphs_and_spans_with_text_as_string_or_array(string request)
    {
        (HttpStatusCode status, JsonElement body) = await PostAsync("v1/api-tools/segmentation", request);

        Assert.Equal(HttpStatusCode.OK, status);
        JsonElement result = body.GetProperty("result");
        Assert.Equal("""[["배송은 2일 걸립니다.","주말은 제외됩니다."],["환불은 앱에서 신청합니다."]]""", result.GetProperty("topicSeg").GetRawText());
        Assert.Equal("[[0,1],[2]]", result.GetProperty("span").GetRawText());
    }

    [Fact]
    public async Task Segmentation_honours_an_exact_paragraph_count()
    {
        (_, JsonElement body) = await PostAsync("v1/api-tools/segmentation", """{"text":"가. 나. 다. 라.","segCnt":4}""");

        Assert.Equal("[[0],[1],[2],[3]]", body.GetProperty("result").GetProperty("span").GetRawText());
    }

    [Fact]
    public async Task Rag_reasoning_calls_the_search_tool_first_then_answers_citing_the_ids_it_got_back()
    {
        const string Tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"search\",\"description\":\"검색\",\"parameters\":{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}}}]";
        (_, JsonElement first) = await PostAsync("v1/api-tools/rag-reasoning", "{\"messages\":[{\"role\":\"user\",\"content\":\"환불은 언제 되나요?\"}]," + Tools + "}");
        JsonElement call = first.GetProperty("result").GetProperty("message").GetProperty("toolCalls")[0];
        string callId = call.GetProperty("id").GetString()!;
        string searchResult = JsonSerializer.Serialize("""{"search_result":[{"id":"doc-9","doc":"배송은 2일 걸립니다."},{"id":"doc-179","doc":"환불은 3영업일 안에 처리됩니다."}]}""");
        (_, JsonElement second) = await PostAsync("v1/api-tools/rag-reasoning",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"환불은 언제 되나요?\"},{\"role\":\"assistant\",\"content\":\"\",\"toolCalls\":[" + call.GetRawText() + "]},{\"role\":\"tool\",\"toolCallId\":\"" + callId + "\",\"content\":" + searchResult + "}]," + Tools + "}");

        Assert.Equal("search", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, call.GetProperty("function").GetProperty("arguments").ValueKind);
        Assert.Equal("환불은 언제 되나요?", call.GetProperty("function").GetProperty("arguments").GetProperty("query").GetString());
        Assert.Equal("tool_calls", first.GetProperty("result").GetProperty("finishReason").GetString());
        Assert.Equal("답변: <doc-179>환불은 3영업일 안에 처리됩니다.</doc-179>", second.GetProperty("result").GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", second.GetProperty("result").GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task The_router_returns_the_configured_domain_and_labels()
    {
        (HttpStatusCode status, JsonElement body) = await PostAsync("v1/routers/demo-router/versions/1/route", """{"query":"반품하고 환불 받고 싶어요, 경쟁사보다 느리네요","chatHistory":[{"role":"user","content":"주문했어요"}]}""");
        (_, JsonElement none) = await PostAsync("v1/routers/demo-router/versions/1/route", """{"query":"오늘 날씨"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        JsonElement result = body.GetProperty("result");
        Assert.Equal("""{"result":"환불","called":true}""", result.GetProperty("domain").GetRawText());
        Assert.Equal("""["경쟁사 언급"]""", result.GetProperty("blockedContent").GetProperty("result").GetRawText());
        Assert.Equal("[]", result.GetProperty("safety").GetProperty("result").GetRawText());
        Assert.Equal("", none.GetProperty("result").GetProperty("domain").GetProperty("result").GetString());
    }

    [Fact]
    public async Task The_legacy_gateway_keys_reach_summarization_and_segmentation_by_app_id_and_nothing_else()
    {
        const string appId = "0123456789abcdef0123456789abcdef";

        Assert.Equal(HttpStatusCode.OK, await LegacyAsync($"testapp/v1/api-tools/summarization/v2/{appId}", """{"texts":["요약할 글."]}"""));
        Assert.Equal(HttpStatusCode.OK, await LegacyAsync($"serviceapp/v1/api-tools/segmentation/{appId}", """{"text":"나눌 글."}"""));
        Assert.Equal(HttpStatusCode.NotFound, await LegacyAsync("testapp/v1/api-tools/summarization/v2", """{"texts":["요약할 글."]}"""));
        Assert.Equal(HttpStatusCode.NotFound, await LegacyAsync("testapp/v1/api-tools/reranker", RerankExample));
    }

    private async Task<HttpStatusCode> LegacyAsync(string path, string body) => (await PostPathAsync(path, body, legacyKeys: true)).Status;

    private Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string body) => PostPathAsync(path, body);
}
