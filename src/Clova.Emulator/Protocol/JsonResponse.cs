using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>Writes a non-streaming answer in CLOVA's <c>{"status","result"}</c> envelope.</summary>
internal static class JsonResponse
{
    private const string ContentType = "application/json; charset=utf-8";

    /// <summary>Answers 200 with the success envelope around <paramref name="result"/>.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="result">The <c>result</c> object.</param>
    /// <returns>A task for the write.</returns>
    public static Task OkAsync(HttpContext context, JsonNode result)
    {
        context.Response.ContentType = ContentType;
        return context.Response.WriteAsync(EmulatorJson.Write(EmulatorJson.Ok(result)), context.RequestAborted);
    }

    /// <summary>Answers with the error's HTTP status and the error envelope (<c>"result": null</c>).</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="error">The error.</param>
    /// <returns>A task for the write.</returns>
    public static Task ErrorAsync(HttpContext context, ClovaApiError error)
    {
        context.Response.StatusCode = error.HttpStatus;
        context.Response.ContentType = ContentType;
        return context.Response.WriteAsync(EmulatorJson.Write(EmulatorJson.Error(error.Code, error.Message)));
    }
}
