using System.Text.Json;

namespace Clova.Tests.Infrastructure;

/// <summary>CLOVA's success envelope <c>{"status":{"code":"20000","message":"OK"},"result":{...}}</c>, so a test writes only its result.</summary>
internal static class ClovaBody
{
    /// <summary>Wraps <paramref name="result"/> in the success envelope.</summary>
    /// <param name="result">The <c>result</c> object as JSON.</param>
    /// <returns>The whole response body.</returns>
    public static string Ok(string result) => $$"""{"status":{"code":"20000","message":"OK"},"result":{{result}}}""";

    /// <summary>A v3 chat reply: one assistant message holding <paramref name="content"/>, finish reason <c>stop</c>.</summary>
    /// <param name="content">The answer text.</param>
    /// <returns>The whole response body.</returns>
    public static string ChatAnswer(string content = "ok") =>
        Ok($$"""{"message":{"role":"assistant","content":{{JsonSerializer.Serialize(content)}}},"finishReason":"stop"}""");
}
