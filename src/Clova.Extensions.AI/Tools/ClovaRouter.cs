using System.Text.Json;
using Clova.Internal;
using Clova.Rules;
using Clova.Tools;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova;

/// <summary>
/// A router built in the CLOVA Studio console (<c>/v1/routers/{routerId}/versions/{version}/route</c>), from
/// <see cref="ClovaClient.GetRouter"/>: classifies a query into a domain and checks it for blocked content and safety.
/// </summary>
public sealed class ClovaRouter
{
    private readonly ClovaTransport _transport;
    private readonly ClovaApiPath _path;

    internal ClovaRouter(ClovaTransport transport, string routerId, int version)
    {
        _transport = transport;
        RouterId = routerId;
        Version = version;
        _path = ClovaApiPaths.Route(routerId, version);
    }

    /// <summary>Gets the router id.</summary>
    public string RouterId { get; }

    /// <summary>Gets the router version.</summary>
    public int Version { get; }

    /// <summary>Routes <paramref name="query"/>, with the user's earlier questions as context.</summary>
    /// <param name="query">The query.</param>
    /// <param name="history">The conversation so far; only user turns are sent (<c>chatHistory</c> takes no other role).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The domain, blocked content, safety results and usage.</returns>
    /// <exception cref="ArgumentException">The query is blank.</exception>
    /// <exception cref="ClovaException">CLOVA refused the request or sent something unreadable.</exception>
    public async Task<ClovaRoute> RouteAsync(string query, IEnumerable<ChatMessage>? history = null, CancellationToken cancellationToken = default)
    {
        ClovaRuleBook.CheckRoute(query, Version);
        string requestId = ClovaTransport.NewRequestId();
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(ToolMapper.ToClovaRoute(query, history), ClovaJson.Context.ClovaRouterRequest);
        ClovaRouterResult result = await _transport.PostJsonAsync(_path, body, ClovaJson.Context.ClovaRouterResult, requestId, cancellationToken).ConfigureAwait(false);
        return ToolMapper.FromClovaRoute(result, requestId);
    }

    /// <summary>Returns the router and endpoint; never a key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"ClovaRouter {{ RouterId = {RouterId}, Version = {Version}, Endpoint = {_transport.Endpoint} }}";
}
