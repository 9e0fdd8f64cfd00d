using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Clova.Emulator;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Clova.Tests;

/// <summary>Issue 15: every retry and rate limit is logged with ids and counted on the meter; no key anywhere.</summary>
[Collection(ProcessWideHttpCollection.Name)]
public sealed class ObservabilityTests
{
    [Fact]
    public async Task A_rate_limit_storm_is_logged_per_retry_with_request_id_code_and_host_and_never_the_key()
    {
        var logs = new CapturingLoggerProvider();
        var options = new ClovaEmulatorOptions { RateLimitRequests = 1, RateLimitWindow = TimeSpan.FromMilliseconds(300) };
        await using EmulatorSession session = await EmulatorSession.StartAsync(options, o => o.LoggerFactory = logs);
        IChatClient chat = session.Client.GetChatClient(ClovaModels.Hcx005);

        await chat.GetResponseAsync("첫 질문");
        ChatResponse second = await chat.GetResponseAsync("둘째 질문");

        var retries = logs.Entries.Where(e => e.Id.Id == ClovaDiagnostics.RetryEventId).ToList();
        var limited = logs.Entries.Where(e => e.Id.Id == ClovaDiagnostics.RateLimitedEventId).ToList();
        Assert.NotEmpty(retries);
        Assert.NotEmpty(limited);
        Assert.All(limited, e =>
        {
            Assert.Equal(LogLevel.Warning, e.Level);
            Assert.Equal(ClovaDiagnostics.LoggerCategory, e.Category);
            Assert.Contains(e.State, kv => kv.Key == "Code" && Equals(kv.Value, "42901"));
            Assert.Contains(e.State, kv => kv.Key == "Host" && Equals(kv.Value, "127.0.0.1"));
            Assert.Contains(e.State, kv => kv.Key == "Model" && Equals(kv.Value, "HCX-005"));
            Assert.Contains(e.State, kv => kv.Key == "RequestId" && Equals(kv.Value, second.ResponseId));
        });
        Assert.Contains(retries, e => e.State.Any(kv => kv.Key == "Attempt" && Equals(kv.Value, 1)) && e.Message.Contains("429", StringComparison.Ordinal));
        Assert.All(logs.Entries, e =>
        {
            Assert.DoesNotContain(EmulatorSession.Key, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("첫 질문", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("둘째 질문", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_meter_counts_requests_retries_and_rate_limited_answers_by_model_and_code()
    {
        var measurements = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ClovaDiagnostics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            measurements.Enqueue((instrument.Name, value, copy));
        });
        listener.Start();
        var options = new ClovaEmulatorOptions { RateLimitRequests = 1, RateLimitWindow = TimeSpan.FromMilliseconds(300) };
        await using EmulatorSession session = await EmulatorSession.StartAsync(options);
        IChatClient chat = session.Client.GetChatClient(ClovaModels.HcxDash002);

        await chat.GetResponseAsync("a");
        await chat.GetResponseAsync("b");

        var ours = measurements.Where(m => Equals(m.Tags.GetValueOrDefault("clova.model"), "HCX-DASH-002")).ToList();
        Assert.Equal(2, ours.Where(m => m.Instrument == ClovaDiagnostics.RequestsInstrument && Equals(m.Tags["clova.outcome"], "success")).Sum(m => m.Value));
        Assert.Contains(ours, m => m.Instrument == ClovaDiagnostics.RetriesInstrument && Equals(m.Tags["clova.code"], "42901"));
        Assert.Contains(ours, m => m.Instrument == ClovaDiagnostics.RateLimitedInstrument && Equals(m.Tags["clova.code"], "42901"));
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_fails_at_once_as_a_ClovaException_naming_it_and_is_logged_as_a_connection_failure()
    {
        var logs = new CapturingLoggerProvider();
        using var client = new ClovaClient(new ClovaClientOptions { Endpoint = new Uri("https://clova-endpoint-that-does-not-exist.invalid/"), ApiKey = "nv-secret-key-123", LoggerFactory = logs });

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q"));

        Assert.Equal(1, error.Attempts);
        Assert.Contains("could not be reached at clova-endpoint-that-does-not-exist.invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("Failed after", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<HttpRequestException>(error.InnerException);
        var failure = Assert.Single(logs.Entries, e => e.Id.Id == ClovaDiagnostics.ConnectionFailedEventId);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.DoesNotContain("nv-secret-key-123", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_goes_quiet_is_logged_as_an_idle_timeout()
    {
        var logs = new CapturingLoggerProvider();
        await using EmulatorSession session = await EmulatorSession.StartAsync(configure: o =>
        {
            o.LoggerFactory = logs;
            o.StreamIdleTimeout = TimeSpan.FromMilliseconds(300);
        });
        session.Emulator.Enqueue(new EmulatorScript { StallAfterTokens = 1 });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ChatResponseUpdate _ in session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("q"))
            {
            }
        });

        Assert.Contains(logs.Entries, e => e.Id.Id == ClovaDiagnostics.StreamIdleTimeoutEventId && e.Level == LogLevel.Warning);
    }

    [Fact]
    public void FromEnvironment_reads_NAVERs_variable_first_then_ours_and_the_endpoint()
    {
        string?[] saved = [.. new[] { "CLOVASTUDIO_API_KEY", "CLOVA_API_KEY", "CLOVASTUDIO_ENDPOINT", "CLOVA_ENDPOINT" }.Select(Environment.GetEnvironmentVariable)];
        try
        {
            Environment.SetEnvironmentVariable("CLOVASTUDIO_API_KEY", null);
            Environment.SetEnvironmentVariable("CLOVA_API_KEY", "nv-ours");
            Environment.SetEnvironmentVariable("CLOVASTUDIO_ENDPOINT", null);
            Environment.SetEnvironmentVariable("CLOVA_ENDPOINT", "http://127.0.0.1:5080/");
            ClovaClientOptions ours = ClovaClientOptions.FromEnvironment();
            Environment.SetEnvironmentVariable("CLOVASTUDIO_API_KEY", "nv-naver");
            ClovaClientOptions naver = ClovaClientOptions.FromEnvironment();

            Assert.Equal("nv-ours", ours.ApiKey);
            Assert.Equal(new Uri("http://127.0.0.1:5080/"), ours.Endpoint);
            Assert.Equal("nv-naver", naver.ApiKey);
        }
        finally
        {
            string[] names = ["CLOVASTUDIO_API_KEY", "CLOVA_API_KEY", "CLOVASTUDIO_ENDPOINT", "CLOVA_ENDPOINT"];
            for (int i = 0; i < names.Length; i++)
            {
                Environment.SetEnvironmentVariable(names[i], saved[i]);
            }
        }
    }
}
