using Clova.Emulator;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clova.Tests;

/// <summary>Issue 15: registration from configuration, validation at start-up, the factory-made HTTP pipeline, disposal.</summary>
public sealed class HostingTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task Every_option_binds_from_configuration_and_the_registered_chat_client_answers()
    {
        await using ClovaEmulator emulator = await ClovaEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddClovaClient(Config(
                ("Clova:Endpoint", emulator.BaseUri.ToString()),
                ("Clova:ApiKey", "nv-from-config"),
                ("Clova:AppPath", "testapp"),
                ("Clova:NetworkTimeout", "00:02:00"),
                ("Clova:StreamIdleTimeout", "00:00:30"),
                ("Clova:MaxStreamEventBytes", "1048576"),
                ("Clova:Retry:Enabled", "true"),
                ("Clova:Retry:MaxRetryAttempts", "2"),
                ("Clova:Retry:BaseDelay", "00:00:00.1"),
                ("Clova:Retry:MaxDelay", "00:00:05"),
                ("Clova:Retry:MaxTotalDelay", "00:00:20"),
                ("Clova:Retry:UseJitter", "false")).GetSection("Clova"))
            .AddChatClient(ClovaModels.Hcx005);
        await using ServiceProvider provider = services.BuildServiceProvider();

        ClovaClientOptions options = provider.GetRequiredService<IOptionsMonitor<ClovaClientOptions>>().Get(Options.DefaultName);
        ChatResponse response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("안녕");

        Assert.Equal(emulator.BaseUri, options.Endpoint);
        Assert.Equal("nv-from-config", options.ApiKey);
        Assert.Equal("testapp", options.AppPath);
        Assert.Equal(TimeSpan.FromMinutes(2), options.NetworkTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StreamIdleTimeout);
        Assert.Equal(1_048_576, options.MaxStreamEventBytes);
        Assert.Equal(2, options.Retry.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Retry.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Retry.MaxTotalDelay);
        Assert.False(options.Retry.UseJitter);
        Assert.False(string.IsNullOrEmpty(response.Text));
        Assert.Equal("/testapp/v3/chat-completions/HCX-005", emulator.LastRequest!.Path);
        Assert.Equal("Bearer nv-from-config", emulator.LastRequest.Header("Authorization"));
    }

    [Fact]
    public async Task Keyed_clients_serve_two_accounts_with_keyed_chat_clients_and_generators()
    {
        await using ClovaEmulator first = await ClovaEmulator.StartAsync();
        await using ClovaEmulator second = await ClovaEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddKeyedClovaClient("team-a", o => { o.Endpoint = first.BaseUri; o.ApiKey = "nv-a"; }).AddChatClient(ClovaModels.Hcx005, "chat-a");
        services.AddKeyedClovaClient("team-b", o => { o.Endpoint = second.BaseUri; o.ApiKey = "nv-b"; }).AddEmbeddingGenerator(ClovaModels.BgeM3, "embed-b");
        await using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IChatClient>("chat-a").GetResponseAsync("q");
        await provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("embed-b").GenerateAsync(["q"]);

        Assert.Equal("Bearer nv-a", Assert.Single(first.Requests).Header("Authorization"));
        Assert.Equal("Bearer nv-b", Assert.Single(second.Requests).Header("Authorization"));
        Assert.NotSame(provider.GetRequiredKeyedService<ClovaClient>("team-a"), provider.GetRequiredKeyedService<ClovaClient>("team-b"));
    }

    [Fact]
    public void A_missing_key_fails_at_start_up_with_the_constructors_message()
    {
        var services = new ServiceCollection();
        services.AddClovaClient(Config(("Clova:Endpoint", "https://clovastudio.stream.ntruss.com/")).GetSection("Clova"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("LegacyApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_configuration_key_fails_at_start_up_instead_of_being_ignored()
    {
        var services = new ServiceCollection();
        services.AddClovaClient(Config(("Clova:ApiKye", "nv-typo")).GetSection("Clova"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ApiKye", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nv-typo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_factory_made_pipeline_refuses_redirects_and_runs_the_users_own_handlers()
    {
        await using var elsewhere = RawHttpServer.Always(RawHttpServer.Response("200 OK", "application/json", ClovaBody.ChatAnswer("elsewhere")));
        await using var server = RawHttpServer.Always(RawHttpServer.Response("307 Temporary Redirect", "text/plain", "", $"Location: {elsewhere.BaseUri}v3/chat-completions/HCX-005\r\n"));
        var seen = new List<Uri>();
        var services = new ServiceCollection();
        services.AddClovaClient(o =>
        {
            o.Endpoint = server.BaseUri;
            o.ApiKey = "nv-k";
            o.Retry.Enabled = false;
        }).AddChatClient(ClovaModels.Hcx005);
        services.AddHttpClient(ClovaServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => new RecordingDelegate(seen));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<ClovaException>(() => provider.GetRequiredService<IChatClient>().GetResponseAsync("q"));

        Assert.Equal(System.Net.HttpStatusCode.TemporaryRedirect, error.StatusCode);
        Assert.Empty(elsewhere.Requests);
        Assert.Single(seen);
    }

    [Fact]
    public async Task The_logger_comes_from_the_container_and_sees_retries()
    {
        var logs = new CapturingLoggerProvider();
        await using ClovaEmulator emulator = await ClovaEmulator.StartAsync(new ClovaEmulatorOptions { RateLimitRequests = 1, RateLimitWindow = TimeSpan.FromMilliseconds(300) });
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddClovaClient(o => { o.Endpoint = emulator.BaseUri; o.ApiKey = "nv-k"; }).AddChatClient(ClovaModels.Hcx005);
        await using ServiceProvider provider = services.BuildServiceProvider();
        IChatClient chat = provider.GetRequiredService<IChatClient>();

        await chat.GetResponseAsync("a");
        await chat.GetResponseAsync("b");

        Assert.Contains(logs.Entries, e => e.Id.Id == ClovaDiagnostics.RateLimitedEventId);
    }

    [Fact]
    public async Task Disposing_the_container_disposes_the_client_it_made()
    {
        var services = new ServiceCollection();
        services.AddClovaClient(o => o.ApiKey = "nv-k").AddChatClient(ClovaModels.Hcx005);
        IChatClient chat;
        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            chat = provider.GetRequiredService<IChatClient>();
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => chat.GetResponseAsync("q"));
    }

    private sealed class RecordingDelegate(List<Uri> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
