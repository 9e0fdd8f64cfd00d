using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// Checks credentials as CLOVA does: a Bearer key (<c>nv-…</c>) or the legacy header pair. The codes for a
/// missing or half pair are inferred (the docs list the 40100 range without saying which is which).
/// </summary>
internal static class EmulatorAuth
{
    /// <summary>Throws the 401 the real service would give, or returns when the credentials are good.</summary>
    /// <param name="request">The incoming request.</param>
    /// <param name="options">Which keys are valid or expired.</param>
    public static void Check(HttpRequest request, ClovaEmulatorOptions options)
    {
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                throw new ClovaApiError("40100", "Unauthorized: Authorization must be 'Bearer <API key>'");
            }

            string key = authorization["Bearer ".Length..].Trim();
            if (options.ExpiredApiKeys.Contains(key))
            {
                throw new ClovaApiError("40103", "Token expired");
            }

            bool valid = options.ValidApiKeys?.Contains(key) ?? key.StartsWith("nv-", StringComparison.Ordinal);
            if (!valid)
            {
                throw new ClovaApiError("40104", "Invalid API key (the emulator accepts any key starting with nv-, unless ValidApiKeys says otherwise)");
            }

            return;
        }

        bool hasKey = !string.IsNullOrWhiteSpace(request.Headers["X-NCP-CLOVASTUDIO-API-KEY"]);
        bool hasGateway = !string.IsNullOrWhiteSpace(request.Headers["X-NCP-APIGW-API-KEY"]);
        if (hasKey && hasGateway)
        {
            return;
        }

        if (hasKey || hasGateway)
        {
            throw new ClovaApiError("40101", "Unauthorized: the legacy key pair needs both X-NCP-CLOVASTUDIO-API-KEY and X-NCP-APIGW-API-KEY");
        }

        throw new ClovaApiError("40100", "Unauthorized: no API key");
    }
}
