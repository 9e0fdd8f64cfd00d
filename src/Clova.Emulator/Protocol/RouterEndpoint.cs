using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// <c>POST /v1/routers/{routerId}/versions/{version}/route</c>: a router from <see cref="ClovaEmulatorOptions.Routers"/>
/// (40400 for an unknown id or version), a required <c>query</c> (40004 empty), a <c>chatHistory</c> of user turns only
/// (40001 otherwise), and the verdicts by keyword.
/// </summary>
internal static class RouterEndpoint
{
    private static readonly HashSet<string> Fields = ["query", "chatHistory"];

    public static Task HandleAsync(HttpContext context, string routerId, string version, string body, ClovaEmulatorOptions options)
    {
        LegacyGateway.Refuse(context, "a router");
        if (!options.Routers.TryGetValue(routerId, out EmulatorRouter? router) || version != router.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new ClovaApiError("40400", $"Not found: no router {routerId} version {version}");
        }

        JsonObject root = RequestBody.Parse(body, Fields);
        string query = RequestBody.RequiredText(root, "query");
        int historyTokens = 0;
        if (root["chatHistory"] is { } history)
        {
            if (history is not JsonArray turns)
            {
                throw new ClovaApiError("40001", "Invalid parameter: chatHistory must be an array");
            }

            foreach (JsonNode? turn in turns)
            {
                if (turn is not JsonObject message || EmulatorJson.StringOf(message["role"]) != "user" || EmulatorJson.StringOf(message["content"]) is not { } content)
                {
                    throw new ClovaApiError("40001", "Invalid parameter: chatHistory holds {\"role\":\"user\",\"content\":string} only");
                }

                historyTokens += EmulatorTokenizer.Count(content);
            }
        }

        string domain = router.Domains.FirstOrDefault(d => Matches(query, d.Value)).Key ?? "";
        return JsonResponse.OkAsync(context, new JsonObject
        {
            ["domain"] = new JsonObject { ["result"] = domain, ["called"] = true },
            ["blockedContent"] = new JsonObject { ["result"] = Labels(query, router.BlockedContent), ["called"] = true },
            ["safety"] = new JsonObject { ["result"] = Labels(query, router.Safety), ["called"] = true },
            ["usage"] = Usage.Of(EmulatorTokenizer.Count(query) + historyTokens, 1),
        });
    }

    private static bool Matches(string query, string[] keywords) => keywords.Any(k => query.Contains(k, StringComparison.OrdinalIgnoreCase));

    private static JsonArray Labels(string query, IDictionary<string, string[]> labels) =>
        new(labels.Where(l => Matches(query, l.Value)).Select(l => (JsonNode)l.Key).ToArray());
}
