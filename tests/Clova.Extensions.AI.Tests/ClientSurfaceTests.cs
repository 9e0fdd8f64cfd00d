using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>The public surface: construction rules, GetService, secrets and ownership of the HttpClient.</summary>
public sealed class ClientSurfaceTests
{
    private const string Secret = "nv-super-secret-key-0123456789abcdef";

    [Fact]
    public void GetService_returns_metadata_the_client_itself_the_owner_or_null_as_MEAI_expects()
    {
        using var clova = new ClovaClient(Secret);
        IChatClient chat = clova.GetChatClient(ClovaModels.Hcx007);

        var metadata = Assert.IsType<ChatClientMetadata>(chat.GetService(typeof(ChatClientMetadata)));
        Assert.Equal("clova", metadata.ProviderName);
        Assert.Equal(new Uri("https://clovastudio.stream.ntruss.com/"), metadata.ProviderUri);
        Assert.Equal(ClovaModels.Hcx007, metadata.DefaultModelId);
        Assert.Same(chat, chat.GetService(typeof(IChatClient)));
        Assert.Same(clova, chat.GetService(typeof(ClovaClient)));
        Assert.Null(chat.GetService(typeof(ChatClientMetadata), "some-key"));
        Assert.Null(chat.GetService(typeof(string)));
        Assert.Throws<ArgumentNullException>(() => chat.GetService(null!));
    }

    [Fact]
    public void The_key_never_appears_in_ToString_of_options_client_or_chat_client()
    {
        var options = new ClovaClientOptions { ApiKey = Secret };
        using var clova = new ClovaClient(options);

        Assert.DoesNotContain(Secret, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("redacted", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, clova.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, clova.GetChatClient(ClovaModels.Hcx007).ToString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_http_endpoint_that_is_not_loopback_is_refused_because_the_key_would_travel_in_clear()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClovaClient(new ClovaClientOptions { ApiKey = Secret, Endpoint = new Uri("http://clova.example.com/") }));

        Assert.Contains("clear text", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_on_loopback_is_accepted_for_the_emulator()
    {
        using var clova = new ClovaClient(new ClovaClientOptions { ApiKey = Secret, Endpoint = new Uri("http://127.0.0.1:5080") });

        Assert.Equal(new Uri("http://127.0.0.1:5080/"), clova.Endpoint);
    }

    [Fact]
    public void Missing_credentials_are_refused_with_both_ways_to_provide_them_and_the_environment_variables()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClovaClient(new ClovaClientOptions()));

        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("LegacyApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("CLOVASTUDIO_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_a_legacy_key_pair_is_refused_naming_the_missing_half()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClovaClient(new ClovaClientOptions { LegacyApiKey = "legacy" }));

        Assert.Equal("LegacyApiGatewayKey", error.ParamName);
    }

    [Fact]
    public void A_key_with_a_line_break_is_refused_without_echoing_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClovaClient("nv-abc\r\nX-Injected: 1"));

        Assert.DoesNotContain("nv-abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_app_path_with_a_slash_inside_is_refused() =>
        Assert.Throws<ArgumentException>(() => new ClovaClient(new ClovaClientOptions { ApiKey = Secret, AppPath = "test/app" }));

    [Fact]
    public async Task A_caller_supplied_HttpClient_is_not_disposed_with_the_ClovaClient()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using var http = new HttpClient(handler);

        using (var clova = new ClovaClient(new ClovaClientOptions { ApiKey = Secret, HttpClient = http }))
        {
            clova.GetChatClient(ClovaModels.Hcx005).Dispose();
        }

        Assert.False(handler.Disposed);
        using var again = new ClovaClient(new ClovaClientOptions { ApiKey = Secret, HttpClient = http });
        ChatResponse stillWorks = await again.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q");
        Assert.Equal("ok", stillWorks.Text);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Disposing_a_chat_client_leaves_its_ClovaClient_usable()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Client.GetChatClient(ClovaModels.Hcx005).Dispose();

        ChatResponse response = await session.Client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("hi");

        Assert.NotEmpty(response.Text);
    }

    [Fact]
    public async Task A_disposed_client_says_so_from_its_chat_client_and_generator_without_sending()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        ClovaClient client = RecordingHandler.Client(handler);
        IChatClient chat = client.GetChatClient(ClovaModels.Hcx005);
        IEmbeddingGenerator<string, Embedding<float>> generator = client.GetEmbeddingGenerator(ClovaModels.BgeM3);
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => chat.GetResponseAsync("q"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["a"]));
        Assert.Empty(handler.Requests);
    }
}
