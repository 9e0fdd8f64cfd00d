using System.Net;

namespace Clova.Tests.Infrastructure;

/// <summary>A proxy for every address, loopback included (as an environment proxy without a bypass list is).</summary>
internal sealed class FixedProxy(Uri address) : IWebProxy
{
    public ICredentials? Credentials { get; set; }

    public Uri GetProxy(Uri destination) => address;

    public bool IsBypassed(Uri host) => false;
}
