using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// The embedding APIs: v1 (<c>/v1/api-tools/embedding/{model}</c>, <c>clir-emb-dolphin</c> and
/// <c>clir-sts-dolphin</c>, 1–500 tokens) and v2 (<c>/v1/api-tools/embedding/v2</c>, <c>bge-m3</c>, up to 8,192
/// tokens). One text per request; an empty text is 40004, an over-long one 40003, an unknown model 40080.
/// </summary>
internal static class EmbeddingEndpoints
{
    /// <summary>The v1 limit (docs: 1–500 tokens).</summary>
    public const int V1MaxTokens = 500;

    /// <summary>The v2 (bge-m3) limit (docs: 8,192 tokens).</summary>
    public const int V2MaxTokens = 8192;

    private static readonly HashSet<string> V1Models = new(StringComparer.Ordinal) { "clir-emb-dolphin", "clir-sts-dolphin" };
    private static readonly HashSet<string> Fields = ["text"];

    /// <summary><c>POST /v1/api-tools/embedding/{model}</c>.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="model">The model segment.</param>
    /// <param name="body">The request body.</param>
    /// <param name="options">The emulator's options (normalisation, delay).</param>
    /// <returns>A task for the response.</returns>
    public static Task EmbedV1Async(HttpContext context, string model, string body, ClovaEmulatorOptions options) =>
        V1Models.Contains(model)
            ? EmbedAsync(context, model, V1MaxTokens, body, options)
            : throw new ClovaApiError("40080", $"Model not found: {model} (the v1 embedding models are clir-emb-dolphin and clir-sts-dolphin)");

    /// <summary><c>POST /v1/api-tools/embedding/v2</c>: bge-m3.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="body">The request body.</param>
    /// <param name="options">The emulator's options.</param>
    /// <returns>A task for the response.</returns>
    public static Task EmbedV2Async(HttpContext context, string body, ClovaEmulatorOptions options) =>
        EmbedAsync(context, "bge-m3", V2MaxTokens, body, options);

    private static async Task EmbedAsync(HttpContext context, string model, int maxTokens, string body, ClovaEmulatorOptions options)
    {
        LegacyGateway.RequireAppId(context, "embedding/…");

        string text = RequestBody.RequiredText(RequestBody.Parse(body, Fields), "text");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ClovaApiError("40004", "Text empty: text is blank");
        }

        int tokens = EmulatorTokenizer.Count(text);
        if (tokens > maxTokens)
        {
            throw new ClovaApiError("40003", $"Context length exceeded: {tokens} tokens, {model} takes up to {maxTokens}");
        }

        if (options.EmbeddingDelay?.Invoke(text) is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        float[] vector = EmulatorEmbedder.Embed(text, options.UnitLengthEmbeddingModels.Contains(model));
        var embedding = new JsonArray();
        foreach (float value in vector)
        {
            embedding.Add(value);
        }

        await JsonResponse.OkAsync(context, new JsonObject { ["embedding"] = embedding, ["inputTokens"] = tokens });
    }
}
