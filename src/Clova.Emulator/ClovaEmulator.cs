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
/// A CLOVA Studio emulator on Kestrel: a stand-in for the real service in tests and samples. In-process, start one
/// per test (or per test class), point the code under test at <see cref="BaseUri"/> and dispose it at the end;
/// standalone, run <c>dotnet run --project src/Clova.Emulator.Tool -- --urls http://127.0.0.1:5080</c>, or install
/// the tool from the packed packages (<c>dotnet tool install Clova.Emulator.Tool --tool-path ./tools --add-source
/// &lt;repo&gt;/artifacts/packages</c>) and run <c>./tools/clova-emulator --urls http://127.0.0.1:5080</c>.
/// </summary>
/// <remarks>
/// <para>
/// It implements the protocol from the spec alone and shares no code or types with the client library. Routes, with
/// or without a <c>/testapp</c> or <c>/serviceapp</c> segment in front: <c>/v3/chat-completions/{model}</c>,
/// <c>/v1/chat-completions/{model}</c>, <c>/v3/tasks/{taskId}/chat-completions</c>,
/// <c>/v1/tasks/{taskId}/chat-completions</c> (JSON, or SSE with <c>Accept: text/event-stream</c>),
/// <c>/v1/completions/{model}</c> (LK), <c>/v3/api-tools/chat-tokenize/{model}</c>,
/// <c>/v1/api-tools/chat-tokenize/{model}</c>, <c>/v1/api-tools/embedding/v2/tokenize</c>,
/// <c>/v1/api-tools/sliding/chat-messages/{model}</c>, the embeddings <c>/v1/api-tools/embedding/{model}</c> and
/// <c>/v1/api-tools/embedding/v2</c>, the RAG tools <c>/v1/api-tools/reranker</c>, <c>/v1/api-tools/summarization/v2</c>,
/// <c>/v1/api-tools/segmentation</c>, <c>/v1/api-tools/rag-reasoning</c>, and routers
/// <c>/v1/routers/{routerId}/versions/{version}/route</c> (see <see cref="ClovaEmulatorOptions.Routers"/>); legacy
/// app-id forms where CLOVA has them; anything else is 404/40400. Keys: any <c>Bearer nv-…</c>, or the legacy pair. Models: HCX-007 (v3, reasoning,
/// tools, structured outputs), HCX-005 (v3, images, tools), HCX-DASH-002 (v3, tools), HCX-003 (v1 and v3),
/// HCX-DASH-001 (v1), LK-D2 and LK-B (completions); another id is 40080, a model on the wrong API 40084.
/// </para>
/// <para>
/// It enforces the documented request rules with the documented error codes (an undocumented field is 40002), and
/// accepts a Bearer key starting with <c>nv-</c> or the legacy header pair unless <see cref="Options"/> say otherwise.
/// Answers are deterministic: the same conversation gives the same text, seed and counts. A plain answer echoes
/// the last user message (<c>«question»에 대한 답변입니다. …</c>). A token is a run of ASCII letters/digits or any
/// other single character, with the whitespace before it; an image costs 100 tokens and each chat message 3 more
/// for its turn markers.
/// </para>
/// <para>
/// To test how code copes with what the service does, queue an <see cref="EmulatorScript"/> with
/// <see cref="Enqueue"/> before the call; to test what the code sent, read <see cref="Requests"/> or
/// <see cref="LastRequest"/> after it.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using ClovaEmulator emulator = await ClovaEmulator.StartAsync();
/// emulator.Enqueue(EmulatorScript.RateLimited("2s"));
/// // ... call the code under test with endpoint emulator.BaseUri and any key such as "nv-test" ...
/// Assert.Equal("/v3/chat-completions/HCX-005", emulator.LastRequest!.Path);
/// </code>
/// </example>
public sealed class ClovaEmulator : IAsyncDisposable
{
    private readonly ConcurrentQueue<EmulatorScript> _scripts = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private static readonly string[] RateLimitedTools = ["/api-tools/reranker", "/api-tools/summarization", "/api-tools/segmentation", "/api-tools/rag-reasoning"];
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);
    private WebApplication? _app;

    private ClovaEmulator(ClovaEmulatorOptions options) => Options = options;

    /// <summary>Gets the options in force. They are read on every request, so a test may change them between requests.</summary>
    public ClovaEmulatorOptions Options { get; }

    /// <summary>Gets the base address, such as <c>http://127.0.0.1:41234/</c> (always with a trailing slash); known once <see cref="StartAsync"/> returns.</summary>
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>
    /// Gets a snapshot of every request received so far on a known route, oldest first, whether it was answered, refused
    /// or scripted. Requests to unknown paths (answered 404) are not recorded.
    /// </summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Gets the newest recorded request, or null before the first one.</summary>
    public RecordedRequest? LastRequest => _requests.LastOrDefault();

    /// <summary>Starts an emulator on a random free loopback port, so tests can run side by side.</summary>
    /// <param name="options">Behaviour switches; null for the defaults. The emulator keeps and reads this instance.</param>
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

    /// <summary>
    /// Runs the emulator in the foreground until stopped (Ctrl+C); honours <c>--urls</c>. With <c>--help</c>, <c>-h</c>,
    /// <c>-?</c> or <c>/?</c> it prints its usage and returns without starting a server.
    /// </summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>A task that ends when the host stops.</returns>
    public static async Task RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (TryWriteUsage(args, Console.Out))
        {
            return;
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        WebApplication app = builder.Build();
        var emulator = new ClovaEmulator(new ClovaEmulatorOptions());
        emulator.Map(app);
        await app.StartAsync();
        string addresses = string.Join(", ", app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        Console.WriteLine($"CLOVA Studio emulator listening on {addresses}. It accepts any 'Authorization: Bearer nv-…' key, and the legacy X-NCP-CLOVASTUDIO-API-KEY + X-NCP-APIGW-API-KEY pair. Ctrl+C stops it.");
        await Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(app);
    }

    /// <summary>Writes the standalone usage when <paramref name="args"/> asks for help.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="output">Where the usage goes.</param>
    /// <returns>True when help was asked for and written.</returns>
    internal static bool TryWriteUsage(string[] args, TextWriter output)
    {
        if (!args.Any(a => a is "--help" or "-h" or "-?" or "/?"))
        {
            return false;
        }

        output.WriteLine("""
            clova-emulator: a CLOVA Studio stand-in for tests and samples (chat v3/v1, embeddings, RAG tools, token
            calculators, CLOVA's errors and rate limits).

            Usage: clova-emulator [--urls <address>[;<address>...]]

              --urls <addresses>  Where to listen (ASP.NET Core's option), e.g. http://127.0.0.1:5080.
                                  Default: http://localhost:5000.
              -h, --help          Show this text.

            Clients use the printed address as their endpoint and any 'Bearer nv-...' key (or the legacy
            X-NCP-CLOVASTUDIO-API-KEY + X-NCP-APIGW-API-KEY pair). Ctrl+C stops it.
            """);
        return true;
    }

    /// <summary>
    /// Queues a script. Each request, whatever its route, takes the oldest queued script (or none), so queue it just
    /// before the call it is for, and queue one per request when a client retries (a retried call sends several).
    /// </summary>
    /// <param name="script">What to do instead of, or on top of, the normal answer.</param>
    public void Enqueue(EmulatorScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        _scripts.Enqueue(script);
    }

    /// <summary>Stops the server and frees its port.</summary>
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
        RequestDelegate embedV1 = context => HandleAsync(context, (body, _) => EmbeddingEndpoints.EmbedV1Async(context, (string)context.GetRouteValue("model")!, body, Options));
        RequestDelegate embedV2 = context => HandleAsync(context, (body, _) => EmbeddingEndpoints.EmbedV2Async(context, body, Options));
        RequestDelegate reranker = context => HandleAsync(context, (body, _) => RerankerEndpoint.HandleAsync(context, body));
        RequestDelegate summarization = context => HandleAsync(context, (body, _) => SummarizationEndpoint.HandleAsync(context, body));
        RequestDelegate segmentation = context => HandleAsync(context, (body, _) => SegmentationEndpoint.HandleAsync(context, body));
        RequestDelegate ragReasoning = context => HandleAsync(context, (body, _) => RagReasoningEndpoint.HandleAsync(context, body));
        RequestDelegate route = context => HandleAsync(context, (body, _) =>
            RouterEndpoint.HandleAsync(context, (string)context.GetRouteValue("routerId")!, (string)context.GetRouteValue("version")!, body, Options));
        foreach (string prefix in new[] { "", "/{app}" })
        {
            app.MapPost(prefix + "/v1/api-tools/reranker", reranker);
            app.MapPost(prefix + "/v1/api-tools/summarization/v2", summarization);
            app.MapPost(prefix + "/v1/api-tools/segmentation", segmentation);
            app.MapPost(prefix + "/v1/api-tools/rag-reasoning", ragReasoning);
            app.MapPost(prefix + "/v1/routers/{routerId}/versions/{version}/route", route);
            app.MapPost(prefix + "/v1/api-tools/embedding/v2", embedV2);
            app.MapPost(prefix + "/v1/api-tools/embedding/{model}", embedV1);
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
        // The legacy gateway adds the app id after the path (documented for embedding v1; clients use it for v2).
        app.MapPost("/{app}/v1/api-tools/embedding/v2/{appId}", embedV2);
        app.MapPost("/{app}/v1/api-tools/embedding/{model}/{appId}", embedV1);
        app.MapPost("/{app}/v1/api-tools/summarization/v2/{appId}", summarization);
        app.MapPost("/{app}/v1/api-tools/segmentation/{appId}", segmentation);
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

    /// <summary>A sliding-window request counter per kind (chat, embedding, each tool, routers); returns the wait until a slot frees, or null.</summary>
    private TimeSpan? RateLimitedFor(string path)
    {
        // CLOVA counts per model or tool: chat and embeddings each have their own window.
        string? kind = path.Contains("chat-completions", StringComparison.Ordinal) ? "chat"
            : path.Contains("/api-tools/embedding/", StringComparison.Ordinal) && !path.EndsWith("/tokenize", StringComparison.Ordinal) ? "embedding"
            : path.Contains("/routers/", StringComparison.Ordinal) ? "router"
            : Array.Find(RateLimitedTools, t => path.Contains(t, StringComparison.Ordinal));
        if (Options.RateLimitRequests is not int limit || kind is null)
        {
            return null;
        }

        Queue<DateTimeOffset> recent = _recent.GetOrAdd(kind, _ => new Queue<DateTimeOffset>());
        lock (recent)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            while (recent.Count > 0 && now - recent.Peek() >= Options.RateLimitWindow)
            {
                recent.Dequeue();
            }

            if (recent.Count >= limit)
            {
                return Options.RateLimitWindow - (now - recent.Peek());
            }

            recent.Enqueue(now);
            return null;
        }
    }
}
