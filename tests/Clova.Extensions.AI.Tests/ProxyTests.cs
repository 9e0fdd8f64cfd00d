using System.Net;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Issue 12: plain http is allowed only to loopback, and then never through a proxy that would see the key.</summary>
[Collection(ProcessWideHttpCollection.Name)]
public sealed class ProxyTests
{
    [Fact]
    public async Task Plain_http_to_loopback_never_goes_through_the_environment_proxy()
    {
        await using var proxy = RawHttpServer.Always(RawHttpServer.Response("502 Bad Gateway", "text/plain", "proxy"));
        await using var target = RawHttpServer.Always(RawHttpServer.Response("200 OK", "application/json", ClovaBody.ChatAnswer("직접")));
        IWebProxy previous = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new FixedProxy(proxy.BaseUri);
        try
        {
            using ClovaClient client = target.Client(o => o.Retry.Enabled = false);

            ChatResponse response = await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q");

            Assert.Equal("직접", response.Text);
            Assert.Empty(proxy.Requests);
            Assert.Single(target.Requests);
        }
        finally
        {
            HttpClient.DefaultProxy = previous;
        }
    }

    [Fact]
    public async Task Plain_http_to_loopback_never_goes_through_the_proxy_of_a_callers_handler()
    {
        await using var proxy = RawHttpServer.Always(RawHttpServer.Response("502 Bad Gateway", "text/plain", "proxy"));
        await using var target = RawHttpServer.Always(RawHttpServer.Response("200 OK", "application/json", ClovaBody.ChatAnswer("직접")));
        using var handler = new SocketsHttpHandler { Proxy = new FixedProxy(proxy.BaseUri), UseProxy = true };
        using ClovaClient client = target.Client(o =>
        {
            o.HttpMessageHandler = handler;
            o.Retry.Enabled = false;
        });

        ChatResponse response = await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q");

        Assert.Equal("직접", response.Text);
        Assert.Empty(proxy.Requests);
        Assert.False(handler.UseProxy);
    }
}
