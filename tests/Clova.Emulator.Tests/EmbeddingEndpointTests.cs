using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Clova.Emulator.Tests.Infrastructure;

namespace Clova.Emulator.Tests;

/// <summary>
/// The emulator's embedding APIs (clova-tools.md sections 1–3 and 8), checked with a bare <see cref="HttpClient"/>:
/// the documented paths, 1024 floats and <c>inputTokens</c>, 40004 for an empty text, 40003 over the limit, 40080 for
/// an unknown model, the legacy app-id path, and vectors whose distances mean something.
/// </summary>
public sealed class EmbeddingEndpointTests : EmulatorTestBase
{
    [Theory]
    [InlineData("v1/api-tools/embedding/clir-emb-dolphin")]
    [InlineData("v1/api-tools/embedding/clir-sts-dolphin")]
    [InlineData("v1/api-tools/embedding/v2")]
    [InlineData("v1/api-tools/embedding/v2/")]
    [InlineData("testapp/v1/api-tools/embedding/v2")]
    public async Task Each_documented_route_answers_1024_floats_and_inputTokens_in_the_envelope(string path)
    {
        (HttpStatusCode status, JsonElement body) = await PostAsync(path, """{"text":"반품 기간은 며칠인가요?"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("20000", body.GetProperty("status").GetProperty("code").GetString());
        JsonElement result = body.GetProperty("result");
        Assert.Equal(1024, result.GetProperty("embedding").GetArrayLength());
        Assert.True(result.GetProperty("inputTokens").GetInt32() > 0);
    }

    [Theory]
    [InlineData("""{"text":""}""", "40004")]
    [InlineData("""{"text":"   "}""", "40004")]
    [InlineData("""{}""", "40004")]
    [InlineData("""{"text":"a","model":"bge-m3"}""", "40002")]
    [InlineData("""{"text":["a","b"]}""", "40004")]
    public async Task Documented_violations_get_their_documented_code(string request, string code)
    {
        (HttpStatusCode status, JsonElement body) = await PostAsync("v1/api-tools/embedding/v2", request);

        Assert.Equal(code, body.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal((HttpStatusCode)int.Parse(code[..3]), status);
    }

    [Fact]
    public async Task A_text_over_500_tokens_is_40003_on_v1_but_embeds_on_v2_up_to_8192()
    {
        string text = string.Join(' ', Enumerable.Repeat("word", 600));

        (HttpStatusCode v1Status, JsonElement v1) = await PostAsync("v1/api-tools/embedding/clir-emb-dolphin", JsonSerializer.Serialize(new { text }));
        (HttpStatusCode v2Status, _) = await PostAsync("v1/api-tools/embedding/v2", JsonSerializer.Serialize(new { text }));
        (HttpStatusCode longStatus, JsonElement tooLong) = await PostAsync("v1/api-tools/embedding/v2", JsonSerializer.Serialize(new { text = string.Join(' ', Enumerable.Repeat("word", 8200)) }));

        Assert.Equal(HttpStatusCode.BadRequest, v1Status);
        Assert.Equal("40003", v1.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, v2Status);
        Assert.Equal(HttpStatusCode.BadRequest, longStatus);
        Assert.Equal("40003", tooLong.GetProperty("status").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_embedding_model_is_40080()
    {
        (HttpStatusCode status, JsonElement body) = await PostAsync("v1/api-tools/embedding/clir-emb-whale", """{"text":"a"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("40080", body.GetProperty("status").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Texts_sharing_words_and_syllables_come_out_closer_than_texts_sharing_none()
    {
        float[] refund = await EmbedAsync("v1/api-tools/embedding/v2", "환불은 언제 되나요?");
        float[] refundPolicy = await EmbedAsync("v1/api-tools/embedding/v2", "환불은 승인 후 3영업일 안에 처리됩니다.");
        float[] shipping = await EmbedAsync("v1/api-tools/embedding/v2", "배송비는 주문 금액에 따라 다릅니다.");

        Assert.True(Cosine(refund, refundPolicy) > Cosine(refund, shipping) + 0.1, $"{Cosine(refund, refundPolicy)} vs {Cosine(refund, shipping)}");
        Assert.Equal(refund, await EmbedAsync("v1/api-tools/embedding/v2", "환불은 언제 되나요?"));
    }

    [Fact]
    public async Task Clir_emb_dolphin_vectors_are_not_unit_length_while_sts_and_bge_m3_are()
    {
        const string text = "CLOVA Studio 임베딩 v2 예시 문장";

        Assert.NotEqual(1.0, Norm(await EmbedAsync("v1/api-tools/embedding/clir-emb-dolphin", text)), 3);
        Assert.Equal(1.0, Norm(await EmbedAsync("v1/api-tools/embedding/clir-sts-dolphin", text)), 3);
        Assert.Equal(1.0, Norm(await EmbedAsync("v1/api-tools/embedding/v2", text)), 3);
    }

    [Fact]
    public async Task The_legacy_gateway_keys_are_served_only_on_the_app_id_path()
    {
        const string appId = "0123456789abcdef0123456789abcdef";

        (HttpStatusCode bare, JsonElement bareBody) = await PostLegacyAsync("testapp/v1/api-tools/embedding/clir-emb-dolphin");
        (HttpStatusCode v1, _) = await PostLegacyAsync($"testapp/v1/api-tools/embedding/clir-emb-dolphin/{appId}");
        (HttpStatusCode v2, _) = await PostLegacyAsync($"serviceapp/v1/api-tools/embedding/v2/{appId}");

        Assert.Equal(HttpStatusCode.NotFound, bare);
        Assert.Equal("40400", bareBody.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, v1);
        Assert.Equal(HttpStatusCode.OK, v2);
    }

    [Fact]
    public async Task The_rate_limit_counts_embeddings_apart_from_chat()
    {
        await using ClovaEmulator limited = await ClovaEmulator.StartAsync(new ClovaEmulatorOptions { RateLimitRequests = 1 });
        using var first = await Http.SendAsync(Request(new Uri(limited.BaseUri, "v1/api-tools/embedding/v2"), """{"text":"a"}"""));
        using var second = await Http.SendAsync(Request(new Uri(limited.BaseUri, "v1/api-tools/embedding/v2"), """{"text":"b"}"""));
        using var chat = await Http.SendAsync(Request(new Uri(limited.BaseUri, "v3/chat-completions/HCX-005"), """{"messages":[{"role":"user","content":"q"}]}"""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("42901", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot / (Norm(a) * Norm(b));
    }

    private static double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));

    private async Task<float[]> EmbedAsync(string path, string text)
    {
        (HttpStatusCode status, JsonElement body) = await PostAsync(path, JsonSerializer.Serialize(new { text }));
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("result").GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> PostLegacyAsync(string path) => PostPathAsync(path, """{"text":"반품"}""", legacyKeys: true);

    private Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string body) => PostPathAsync(path, body);

    private static HttpRequestMessage Request(Uri uri, string body, bool bearer = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Bearer);
        }

        return request;
    }
}
