using System.Text;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>The raw-socket server itself: what the hardening tests build on.</summary>
public sealed class RawSocketServerTests
{
    [Fact]
    public async Task The_raw_server_records_the_request_and_its_bytes_reach_the_client()
    {
        await using var server = RawHttpServer.Always(RawHttpServer.Response("200 OK", "application/json", ClovaBody.ChatAnswer("원시 소켓")));
        using ClovaClient client = server.Client();

        ChatResponse response = await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("안녕");

        Assert.Equal("원시 소켓", response.Text);
        RawHttpRequest request = Assert.Single(server.Requests);
        Assert.Equal("POST /v3/chat-completions/HCX-005 HTTP/1.1", request.RequestLine);
        Assert.Equal($"Bearer {EmulatorSession.Key}", request.Headers["Authorization"]);
        Assert.Contains("안녕", request.Body, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(request.Body) > 0);
    }
}
