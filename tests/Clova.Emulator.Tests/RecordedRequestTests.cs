namespace Clova.Emulator.Tests;

/// <summary>A recorded request reads well in a failed assertion and never prints the keys it carried.</summary>
public sealed class RecordedRequestTests
{
    [Fact]
    public void ToString_shows_method_path_header_names_and_body_length_but_no_header_values()
    {
        var request = new RecordedRequest(
            "POST",
            "/v3/chat-completions/HCX-005",
            new Dictionary<string, string> { ["content-type"] = "application/json", ["authorization"] = "Bearer nv-secret-key" },
            """{"messages":[]}""");

        string text = request.ToString();

        Assert.Equal("POST /v3/chat-completions/HCX-005 (headers: authorization, content-type; body: 15 chars)", text);
        Assert.DoesNotContain("nv-secret-key", text, StringComparison.Ordinal);
    }
}
