using System.Collections.Concurrent;
using System.Net;
using Clova.Emulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clova.Emulator;

/// <summary>
/// A CLOVA Studio emulator on Kestrel. In-process: <c>await using var emulator = await ClovaEmulator.StartAsync();</c>
/// then point a client at <see cref="BaseUri"/> (a random loopback port). Standalone:
/// <c>dotnet run --project src/Clova.Emulator -- --urls http://127.0.0.1:5080</c>.
/// </summary>
/// <remarks>
/// It implements the protocol from the spec alone and shares no code or types with the client library. Answers
/// are deterministic; token counts follow one rule (a run of ASCII letters/digits or any other single character,
/// with the whitespace before it). Tests can queue <see cref="EmulatorScript"/>s and read back every
/// <see cref="RecordedRequest"/>.
/// </remarks>
public sealed class ClovaEmulator : IAsyncDisposable
{
    private readonly ConcurrentQueue<EmulatorScript> _scripts = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Queue<DateTimeOffset> _recentChats = new();
    private WebApplication? _app;

    private ClovaEmulator(ClovaEmulatorOptions options) => Options = options;

    /// <summary>Gets the options in force; tests may change them between requests.</summary>
    public ClovaEmulatorOptions Options { get; }

    /// <summary>Gets the base address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Gets every request received so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Gets the newest request, or null.</summary>
    public RecordedRequest? LastRequest => _requests.LastOrDefault();

    /// <summary>Starts an emulator on a random loopback port.</summary>
    /// <param name="options">Behaviour switches; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running emulator; dispose it to stop.</returns>
    public static async Task<ClovaEmulator> StartAsync(ClovaEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new ClovaEmulator(options ?? new ClovaEmulatorOptions());
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        emulator.Map(app);
        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        emulator._app = app;
        return emulator;
    }

    /// <summary>Runs the emulator in the foreground until stopped (Ctrl+C); honours <c>--urls</c>.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>A task that ends when the host stops.</returns>
    public static async Task RunAsync(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        WebApplication app = builder.Build();
        new ClovaEmulator(new ClovaEmulatorOptions()).Map(app);
        await app.RunAsync();
    }

    /// <summary>Queues a script for the next request (whatever its route; tests queue just before the call they script).</summary>
    /// <param name="script">What to do.</param>
    public void Enqueue(EmulatorScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        _scripts.Enqueue(script);
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task for the shutdown.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private void Map(WebApplication app)
    {
        RequestDelegate chatV3 = context => HandleAsync(context, (body, script) =>
            ChatV3Endpoint.HandleAsync(context, Model(context), body, Options, script));
        RequestDelegate taskV3 = context => HandleAsync(context, (body, script) =>
            ChatV3Endpoint.HandleAsync(context, FindTask(context), body, Options, script));
        RequestDelegate chatV1 = context => HandleAsync(context, (body, script) =>
            ChatV1Endpoint.HandleAsync(context, Model(context), body, Options, script));
        RequestDelegate taskV1 = context => HandleAsync(context, (body, script) =>
            ChatV1Endpoint.HandleAsync(context, FindTask(context), body, Options, script));
        RequestDelegate completions = context => HandleAsync(context, (body, _) =>
            CompletionsEndpoint.HandleAsync(context, Model(context), body, Options));
        RequestDelegate tokenizeV3 = context => HandleAsync(context, (body, _) => ApiToolsEndpoints.TokenizeV3Async(context, Model(context), body));
        RequestDelegate tokenizeV1 = context => HandleAsync(context, (body, _) => ApiToolsEndpoints.TokenizeV1Async(context, Model(context), body));
        RequestDelegate sliding = context => HandleAsync(context, (body, _) => ApiToolsEndpoints.SlideAsync(context, Model(context), body));
        RequestDelegate embeddingTokens = context => HandleAsync(context, (body, _) => ApiToolsEndpoints.TokenizeEmbeddingAsync(context, body));
        foreach (string prefix in new[] { "", "/{app}" })
        {
            app.MapPost(prefix + "/v3/api-tools/chat-tokenize/{model}", tokenizeV3);
            app.MapPost(prefix + "/v1/api-tools/chat-tokenize/{model}", tokenizeV1);
            app.MapPost(prefix + "/v1/api-tools/sliding/chat-messages/{model}", sliding);
            app.MapPost(prefix + "/v1/api-tools/embedding/v2/tokenize", embeddingTokens);
            app.MapPost(prefix + "/v3/chat-completions/{model}", chatV3);
            app.MapPost(prefix + "/v3/tasks/{taskId}/chat-completions", taskV3);
            app.MapPost(prefix + "/v1/chat-completions/{model}", chatV1);
            app.MapPost(prefix + "/v1/tasks/{taskId}/chat-completions", taskV1);
            app.MapPost(prefix + "/v1/completions/{model}", completions);
        }
        app.MapFallback(context => JsonResponse.ErrorAsync(context, new ClovaApiError("40400", "Not found")));
    }

    /// <summary>The model named by the path, from the emulator's one model table (40080 when unknown).</summary>
    private static EmulatorModel Model(HttpContext context) => EmulatorModels.Get((string)context.GetRouteValue("model")!);

    private EmulatorModel FindTask(HttpContext context)
    {
        var taskId = (string)context.GetRouteValue("taskId")!;
        return Options.TaskIds.Contains(taskId) ? EmulatorModels.Task(taskId) : throw new ClovaApiError("40400", $"Not found: no tuned task '{taskId}'");
    }

    /// <summary>Records the request, applies a raw script or checks credentials, and maps errors to envelopes.</summary>
    private async Task HandleAsync(HttpContext context, Func<string, EmulatorScript?, Task> handler)
    {
        using var reader = new StreamReader(context.Request.Body);
        string body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", headers, body));

        EmulatorScript? script = _scripts.TryDequeue(out EmulatorScript? next) ? next : null;
        try
        {
            if (context.GetRouteValue("app") is string appSegment && appSegment is not ("testapp" or "serviceapp"))
            {
                throw new ClovaApiError("40400", $"Not found: unknown app segment '{appSegment}'");
            }

            if (script?.RawStatus is int status)
            {
                if (script.DelayBeforeHeaders > TimeSpan.Zero)
                {
                    await Task.Delay(script.DelayBeforeHeaders, context.RequestAborted);
                }

                context.Response.StatusCode = status;
                if (script.RawContentType is not null)
                {
                    context.Response.ContentType = script.RawContentType;
                }

                foreach (KeyValuePair<string, string> header in script.RawHeaders ?? new Dictionary<string, string>())
                {
                    context.Response.Headers[header.Key] = header.Value;
                }

                await context.Response.WriteAsync(script.RawBody ?? "", context.RequestAborted);
                return;
            }

            EmulatorAuth.Check(context.Request, Options);
            if (RateLimitedFor(context.Request.Path.Value ?? "") is { } reset)
            {
                context.Response.Headers["x-ratelimit-reset-requests"] = $"{Math.Max(0.01, reset.TotalSeconds).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}s";
                throw new ClovaApiError("42901", "Too many requests - rate exceeded");
            }

            await handler(body, script);
        }
        catch (ClovaApiError error) when (!context.Response.HasStarted)
        {
            await JsonResponse.ErrorAsync(context, error);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (cancellation, timeout, or a dropped-connection script): nothing to answer.
        }
    }

    /// <summary>A sliding-window request counter over the chat routes; returns the wait until a slot frees, or null.</summary>
    private TimeSpan? RateLimitedFor(string path)
    {
        if (Options.RateLimitRequests is not int limit || !path.Contains("chat-completions", StringComparison.Ordinal))
        {
            return null;
        }

        lock (_recentChats)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            while (_recentChats.Count > 0 && now - _recentChats.Peek() >= Options.RateLimitWindow)
            {
                _recentChats.Dequeue();
            }

            if (_recentChats.Count >= limit)
            {
                return Options.RateLimitWindow - (now - _recentChats.Peek());
            }

            _recentChats.Enqueue(now);
            return null;
        }
    }
}
