using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Clova.Tests.Infrastructure;

/// <summary>
/// A hostile HTTP server on a raw loopback socket, for bytes Kestrel will not send (split CRLFs, lies in headers,
/// resets, garbage). Each connection's request is read (headers plus a Content-Length body) and recorded, then
/// <c>respond</c> writes whatever bytes it likes to the socket's stream. Stops with <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawHttpRequest, Stream, CancellationToken, Task> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _count;

    public RawHttpServer(Func<RawHttpRequest, Stream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Gets the base address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Gets the requests received, in order.</summary>
    public List<RawHttpRequest> Requests { get; } = [];

    /// <summary>A server that answers every request with the same raw response bytes, then closes the connection.</summary>
    public static RawHttpServer Always(string rawResponse) =>
        new(async (_, stream, token) => await stream.WriteAsync(Encoding.UTF8.GetBytes(rawResponse), token));

    /// <summary>A complete response with the given status line, headers and body, <c>Connection: close</c>.</summary>
    public static string Response(string status, string contentType, string body, string extraHeaders = "") =>
        $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n{extraHeaders}\r\n{body}";

    /// <summary>A client with the test key pointed at this server.</summary>
    public ClovaClient Client(Action<ClovaClientOptions>? configure = null)
    {
        var options = new ClovaClientOptions { Endpoint = BaseUri, ApiKey = EmulatorSession.Key, Retry = new ClovaRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1) } };
        configure?.Invoke(options);
        return new ClovaClient(options);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        Task[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open.Select(t => t.ContinueWith(static _ => { }, TaskScheduler.Default)));
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_connections)
            {
                _connections.Add(ServeAsync(client, Interlocked.Increment(ref _count)));
            }
        }
    }

    private async Task ServeAsync(TcpClient client, int index)
    {
        using (client)
        {
            NetworkStream stream = client.GetStream();
            RawHttpRequest? request = await ReadRequestAsync(stream, index, _stop.Token);
            if (request is null)
            {
                return;
            }

            lock (Requests)
            {
                Requests.Add(request);
            }

            try
            {
                await _respond(request, stream, _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // The client went away, which some attacks provoke on purpose.
            }
        }
    }

    private static async Task<RawHttpRequest?> ReadRequestAsync(Stream stream, int index, CancellationToken token)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, token) == 0 || head.Count > 1 << 20)
            {
                return null;
            }

            head.Add(one[0]);
        }

        string[] lines = Encoding.UTF8.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        byte[] body = [];
        if (headers.TryGetValue("Content-Length", out string? length) && int.TryParse(length, out int count) && count > 0)
        {
            body = new byte[count];
            await stream.ReadExactlyAsync(body, token);
        }

        return new RawHttpRequest(index, lines[0], headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';
}
