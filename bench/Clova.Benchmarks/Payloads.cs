using System.Text;

namespace Clova.Benchmarks;

/// <summary>
/// The same token texts in CLOVA's v3 SSE format (HCX-007 shape: reasoning then answer, then the result event that
/// repeats the whole message) and in OpenAI's chunk format, plus the non-streaming bodies.
/// </summary>
internal static class Payloads
{
    private static readonly string[] Vocabulary = [" 부분", "집합", "의", " 수", "는", " 각", " 원소", "를", " 포함", "하거나", " 2ⁿ", "입니다", ".", " 따라서", " 모든"];

    public static string Token(int i) => Vocabulary[i % Vocabulary.Length];

    public static byte[] ClovaStream(int tokens)
    {
        var sse = new StringBuilder();
        var thinking = new StringBuilder();
        var content = new StringBuilder();
        int half = tokens / 2;
        for (int i = 0; i < tokens; i++)
        {
            string field = i < half ? "thinkingContent" : "content";
            (i < half ? thinking : content).Append(Token(i));
            sse.Append("id: ").Append(i).Append("\nevent: token\ndata: {\"message\":{\"role\":\"assistant\",\"").Append(field).Append("\":\"").Append(Token(i))
                .Append("\"},\"finishReason\":null,\"created\":1753362971,\"seed\":42,\"usage\":null}\n\n");
        }

        sse.Append("id: r\nevent: result\ndata: {\"message\":{\"role\":\"assistant\",\"content\":\"").Append(content).Append("\",\"thinkingContent\":\"").Append(thinking)
            .Append("\"},\"finishReason\":\"stop\",\"created\":1753362971,\"seed\":42,\"usage\":{\"promptTokens\":58,\"completionTokens\":").Append(tokens)
            .Append(",\"totalTokens\":").Append(tokens + 58).Append(",\"completionTokensDetails\":{\"thinkingTokens\":").Append(half).Append("}}}\n\n");
        return Encoding.UTF8.GetBytes(sse.ToString());
    }

    public static byte[] OpenAIStream(int tokens)
    {
        var sse = new StringBuilder();
        for (int i = 0; i < tokens; i++)
        {
            sse.Append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1753362971,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{")
                .Append(i == 0 ? "\"role\":\"assistant\"," : "").Append("\"content\":\"").Append(Token(i)).Append("\"},\"finish_reason\":null}]}\n\n");
        }

        sse.Append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1753362971,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":58,\"completion_tokens\":")
            .Append(tokens).Append(",\"total_tokens\":").Append(tokens + 58).Append("}}\n\ndata: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sse.ToString());
    }

    /// <summary>About 1 KB of UTF-8: 340 characters, most of them three-byte Hangul.</summary>
    public static string Answer { get; } = string.Concat(Enumerable.Range(0, 200).Select(Token))[..340];

    public static byte[] ClovaResponse() => Encoding.UTF8.GetBytes(
        "{\"status\":{\"code\":\"20000\",\"message\":\"OK\"},\"result\":{\"message\":{\"role\":\"assistant\",\"content\":\"" + Answer
        + "\"},\"finishReason\":\"stop\",\"created\":1753362971,\"seed\":42,\"usage\":{\"promptTokens\":420,\"completionTokens\":300,\"totalTokens\":720}}}");

    public static byte[] OpenAIResponse() => Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1753362971,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + Answer
        + "\",\"refusal\":null},\"finish_reason\":\"stop\",\"logprobs\":null}],\"usage\":{\"prompt_tokens\":420,\"completion_tokens\":300,\"total_tokens\":720}}");

    /// <summary>Ten turns of Korean history: twenty messages plus the new question.</summary>
    public static IEnumerable<(bool User, string Text)> History() =>
        Enumerable.Range(0, 21).Select(i => (i % 2 == 0, $"{i}번째 메시지: " + string.Concat(Enumerable.Range(i, 20).Select(Token))));

    /// <summary>1024 floats as CLOVA writes them (about 10 significant characters each).</summary>
    public static string VectorJson { get; } = "[" + string.Join(",", Enumerable.Range(0, 1024).Select(i => (Math.Sin(i) * 0.05).ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture))) + "]";

    /// <summary>CLOVA's embedding reply (v1 and v2 share it).</summary>
    public static byte[] ClovaEmbedding() => Encoding.UTF8.GetBytes(
        "{\"status\":{\"code\":\"20000\",\"message\":\"OK\"},\"result\":{\"embedding\":" + VectorJson + ",\"inputTokens\":12}}");

    /// <summary>The same vector in the shape of CLOVA's OpenAI-compatible <c>/v1/openai/embeddings</c> route.</summary>
    public static byte[] OpenAIEmbedding() => Encoding.UTF8.GetBytes(
        "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":" + VectorJson + "}],\"model\":\"bge-m3\",\"usage\":{\"prompt_tokens\":12,\"total_tokens\":12}}");

    /// <summary>A thousand short Korean FAQ-like texts.</summary>
    public static string[] EmbeddingTexts { get; } = [.. Enumerable.Range(0, 1000).Select(i => $"{i}번 질문: " + string.Concat(Enumerable.Range(i, 8).Select(Token)))];
}
