namespace Clova.Internal;

/// <summary>Header names of the CLOVA Studio protocol.</summary>
internal static class ClovaHeaders
{
    public const string Authorization = "Authorization";
    public const string Accept = "Accept";
    public const string RequestId = "X-NCP-CLOVASTUDIO-REQUEST-ID";
    public const string LegacyApiKey = "X-NCP-CLOVASTUDIO-API-KEY";
    public const string LegacyGatewayKey = "X-NCP-APIGW-API-KEY";
    public const string EventStream = "text/event-stream";
    public const string Json = "application/json";
}
