using System.Text.Json.Nodes;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>LK completions (<c>/v1/completions/{model}</c>) over real HTTP and on the wire.</summary>
public sealed class CompletionClientTests
{
    [Fact]
    public async Task The_seed_documents_translation_prompt_stops_before_the_next_Korean_line()
    {
        await using var session = await EmulatorSession.StartAsync();
        ClovaCompletionClient lk = session.Client.GetCompletionClient("LK-D2");

        ClovaCompletionResult result = await lk.CompleteAsync(new ClovaCompletionRequest
        {
            Text = "Korean: 사과\nEnglish: Apple\nKorean: 바나나",
            Start = "\nEnglish: ",
            StopBefore = [" 다음"],
            IncludeAiFilters = true,
        });

        Assert.Equal("/v1/completions/LK-D2", session.Emulator.LastRequest!.Path);
        Assert.Equal("Korean: 바나나", result.OutputText);
        Assert.Equal("Korean: 사과\nEnglish: Apple\nKorean: 바나나\nEnglish: Korean: 바나나", result.Text);
        Assert.Equal("STOP_BEFORE", result.StopReason);
        Assert.Equal(ChatFinishReason.Stop, result.FinishReason);
        Assert.Equal(result.OutputTokens.Count, result.OutputLength);
        Assert.Equal(string.Concat(result.InputTokens), result.InputText);
        Assert.True(result.Ok);
        Assert.Equal(3, result.AiFilter!.Count);
        Assert.False(string.IsNullOrEmpty(result.RequestId));
    }

    [Fact]
    public async Task MaxTokens_cuts_with_Length_and_includeTokens_false_leaves_the_lists_empty()
    {
        await using var session = await EmulatorSession.StartAsync();

        ClovaCompletionResult result = await session.Client.GetCompletionClient("LK-B").CompleteAsync(new ClovaCompletionRequest
        {
            Text = "hello world",
            MaxTokens = 2,
            IncludeTokens = false,
            IncludeProbs = true,
        });

        Assert.Equal(ChatFinishReason.Length, result.FinishReason);
        Assert.Equal(" hello world", " " + result.OutputText);
        Assert.Empty(result.InputTokens);
        Assert.Equal(2, result.Probs.Count);
    }

    [Fact]
    public async Task Every_request_field_goes_under_its_documented_name()
    {
        var handler = new RecordingHandler(ClovaBody.Ok("""{"text":"x","outputText":"","ok":true}"""));
        using ClovaClient client = RecordingHandler.Client(handler);

        await client.GetCompletionClient("LK-D2").CompleteAsync(new ClovaCompletionRequest
        {
            Text = "t", Start = "s", Restart = "r", StopBefore = ["\n"], MaxTokens = 50, Temperature = 0.3, TopP = 0.9, TopK = 4,
            RepeatPenalty = 5, IncludeTokens = false, IncludeAiFilters = true, IncludeProbs = true,
        });

        Assert.Equal(
            """{"text":"t","start":"s","restart":"r","topP":0.9,"topK":4,"maxTokens":50,"temperature":0.3,"repeatPenalty":5,"stopBefore":["\n"],"includeAiFilters":true,"includeTokens":false,"includeProbs":true}""",
            handler.LastBody);
    }

    [Fact]
    public async Task The_seed_documents_LK_request_is_what_the_equivalent_request_produces()
    {
        var handler = new RecordingHandler(ClovaBody.Ok("""{"text":"x"}"""));
        using ClovaClient client = RecordingHandler.Client(handler);

        await client.GetCompletionClient("LK-D2").CompleteAsync(new ClovaCompletionRequest
        {
            Start = "\nEnglish: ",
            StopBefore = ["\nKorean: "],
            Text = "Korean: 사과\nEnglish: Apple\nKorean: 바나나",
            IncludeAiFilters = true,
        });

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Payload.Read("lk-request.en.json")), JsonNode.Parse(handler.LastBody)), handler.LastBody);
    }

    [Fact]
    public async Task The_documented_LK_response_maps_every_field()
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(Payload.Read("lk-response.en.json")));

        ClovaCompletionResult result = await client.GetCompletionClient("LK-D2").CompleteAsync("Write emotional marketing copy");

        Assert.Equal("\nText: a gift I give to myself", result.OutputText);
        Assert.Equal("end_token", result.StopReason);
        Assert.Equal(ChatFinishReason.Stop, result.FinishReason);
        Assert.Equal((33, 33, 7), (result.StartLength, result.InputLength, result.OutputLength));
        Assert.Equal(33, result.InputTokens.Count);
        Assert.Equal(["a", "gift", "I", "give", "to", "myself", ""], result.OutputTokens);
        Assert.Empty(result.Probs);
        Assert.True(result.Ok);
        Assert.Contains(result.AiFilter!, f => f is { Name: "discrimination", Score: 1 });
    }

    [Theory]
    [InlineData("", null, null, "Text is required")]
    [InlineData("t", 2048, null, "MaxTokens must be at least 1 and below 2048")]
    [InlineData("t", null, 0.0, "Temperature must be greater than 0")]
    public async Task Out_of_range_requests_are_refused_before_sending(string text, int? maxTokens, double? temperature, string message)
    {
        var error = await Refusal.BeforeSendingAsync(client => client.GetCompletionClient("LK-D2").CompleteAsync(new ClovaCompletionRequest { Text = text, MaxTokens = maxTokens, Temperature = temperature }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HCX-003", "40084")]
    [InlineData("LK-Z", "40080")]
    public async Task Completions_on_a_chat_model_or_an_unknown_model_get_CLOVAs_code(string model, string code)
    {
        await using var session = await EmulatorSession.StartAsync();

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Client.GetCompletionClient(model).CompleteAsync("t"));

        Assert.Equal(code, error.ErrorCode);
    }

    [Fact]
    public async Task A_prompt_that_does_not_leave_room_for_maxTokens_is_40003_from_the_service()
    {
        await using var session = await EmulatorSession.StartAsync();
        string longPrompt = string.Join(' ', Enumerable.Repeat("word", 2000));

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Client.GetCompletionClient("LK-D2").CompleteAsync(new ClovaCompletionRequest { Text = longPrompt, MaxTokens = 100 }));

        Assert.Equal("40003", error.ErrorCode);
    }
}
