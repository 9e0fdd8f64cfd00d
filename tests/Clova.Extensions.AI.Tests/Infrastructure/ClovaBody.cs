using System.Text.Json;

namespace Clova.Tests.Infrastructure;

/// <summary>CLOVA's envelopes (<c>{"status":{"code":"20000","message":"OK"},"result":{...}}</c> and the error form), so a test writes only what differs.</summary>
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

    /// <summary>CLOVA's error envelope, as the real 429 body has it: <c>{"status":{"code":…,"message":…},"result":null}</c>.</summary>
    /// <param name="code">The five-digit <c>status.code</c>.</param>
    /// <param name="message">The <c>status.message</c>.</param>
    /// <returns>The whole response body.</returns>
    public static string Error(string code, string message) =>
        $$"""{"status":{"code":"{{code}}","message":{{JsonSerializer.Serialize(message)}}},"result":null}""";
}
