using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clova.Emulator.Protocol;

/// <summary>
/// What the legacy API gateway (the <c>X-NCP-APIGW-API-KEY</c> key pair) serves: api-tools only under their app-id
/// path, and nothing for the tools released after keys stopped needing an app (reranker, RAG reasoning, routers).
/// </summary>
internal static class LegacyGateway
{
    /// <summary>Whether the request carries the legacy gateway keys.</summary>
    public static bool IsUsed(HttpContext context) => context.Request.Headers.ContainsKey("X-NCP-APIGW-API-KEY");

    /// <summary>40400 for a tool with no legacy form.</summary>
    public static void Refuse(HttpContext context, string tool)
    {
        if (IsUsed(context))
        {
            throw new ClovaApiError("40400", $"Not found: {tool} has no legacy API gateway form; use an API key (Authorization: Bearer)");
        }
    }

    /// <summary>40400 for a legacy-key request to an api-tool without its app id.</summary>
    public static void RequireAppId(HttpContext context, string pathHint)
    {
        if (IsUsed(context) && context.GetRouteValue("appId") is null)
        {
            throw new ClovaApiError("40400", $"Not found: with the legacy API gateway keys, this tool is at /{{testapp|serviceapp}}/v1/api-tools/{pathHint}/{{appId}}");
        }
    }
}
