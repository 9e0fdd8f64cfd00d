using System.Net;
using Clova.Emulator;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Every service failure becomes one <see cref="ClovaException"/> with status, code, message and request id.</summary>
public sealed class ServiceErrorTests
{
    [Fact]
    public async Task A_429_rate_limit_becomes_ClovaException_with_status_code_message_and_request_id()
    {
        // Retries off: this test is about how the failure is reported, not whether it is retried.
        await using var session = await EmulatorSession.StartAsync(configure: o => o.Retry.Enabled = false);
        session.Emulator.Enqueue(EmulatorScript.Raw(429, Payload.Read("rate-limit-429.json")));

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat().GetResponseAsync("hi"));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("42901", error.ErrorCode);
        Assert.Equal("Too many requests - rate exceeded", error.ServiceMessage);
        Assert.Equal(session.Emulator.LastRequest!.Header("X-NCP-CLOVASTUDIO-REQUEST-ID"), error.RequestId);
        Assert.Contains("HTTP 429", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<HttpRequestException>(error);
    }

    [Fact]
    public async Task A_wrong_key_is_40104_and_the_key_appears_nowhere_in_the_exception()
    {
        await using var session = await EmulatorSession.StartAsync(configure: o => o.ApiKey = "sk-wrong-secret-value-1234");

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat().GetResponseAsync("hi"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("40104", error.ErrorCode);
        Assert.DoesNotContain("sk-wrong-secret-value-1234", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-secret-value-1234", error.RequestId ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_key_is_40103()
    {
        var emulatorOptions = new ClovaEmulatorOptions();
        emulatorOptions.ExpiredApiKeys.Add(EmulatorSession.Key);
        await using var session = await EmulatorSession.StartAsync(emulatorOptions);

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat().GetResponseAsync("hi"));

        Assert.Equal("40103", error.ErrorCode);
    }

    [Theory]
    [InlineData("HCX-999", "40080", HttpStatusCode.BadRequest)]
    [InlineData("HCX-DASH-001", "40084", HttpStatusCode.BadRequest)]
    [InlineData("LK-D2", "40084", HttpStatusCode.BadRequest)]
    public async Task Models_the_v3_API_does_not_serve_are_reported_with_CLOVAs_code(string model, string code, HttpStatusCode status)
    {
        await using var session = await EmulatorSession.StartAsync();

        // Pinned to v3: by default the legacy models go to v1, where they are served.
        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Client.GetChatClient(model, ClovaApiVersion.V3).GetResponseAsync("hi"));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task An_HTML_error_page_from_a_proxy_becomes_ClovaException_with_a_short_excerpt()
    {
        // Retries off: this test is about how the failure is reported, not whether it is retried.
        await using var session = await EmulatorSession.StartAsync(configure: o => o.Retry.Enabled = false);
        string page = "<html><body><h1>502 Bad Gateway</h1>" + new string('x', 5000) + "</body></html>";
        session.Emulator.Enqueue(EmulatorScript.Raw(502, page, "text/html"));

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat().GetResponseAsync("hi"));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.Contains("502 Bad Gateway", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 600, $"message is {error.Message.Length} characters");
    }

    [Fact]
    public async Task An_error_envelope_inside_an_HTTP_200_is_still_an_error()
    {
        // Retries off: this test is about how the failure is reported, not whether it is retried.
        await using var session = await EmulatorSession.StartAsync(configure: o => o.Retry.Enabled = false);
        session.Emulator.Enqueue(EmulatorScript.Raw(200, """{"status":{"code":"50000","message":"Internal error"},"result":null}"""));

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat().GetResponseAsync("hi"));

        Assert.Equal("50000", error.ErrorCode);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"status":{"code":"20000","message":"OK"}}""")]
    [InlineData("""{"status":{"code":"20000"},"result":{"message":{"content":42}}}""")]
    public async Task A_200_body_that_is_empty_invalid_or_of_the_wrong_shape_becomes_ClovaException(string body)
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Enqueue(EmulatorScript.Raw(200, body));

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat().GetResponseAsync("hi"));

        Assert.Contains("cannot read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_numeric_status_code_in_an_error_body_is_read_as_its_digits()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Enqueue(EmulatorScript.Raw(400, """{"status":{"code":40001,"message":"Invalid parameter"}}"""));

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat().GetResponseAsync("hi"));

        Assert.Equal("40001", error.ErrorCode);
    }
}
