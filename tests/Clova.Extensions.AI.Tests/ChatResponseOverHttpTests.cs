using System.Text.Json;
using Clova.Emulator;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Non-streaming chat against the emulator over real HTTP on loopback.</summary>
public sealed class ChatResponseOverHttpTests
{
    [Fact]
    public async Task HCX_007_returns_reasoning_before_the_answer_in_one_assistant_message()
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Chat().GetResponseAsync("부분집합의 수를 설명해 줘");

        ChatMessage message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        Assert.Collection(
            message.Contents,
            c => Assert.StartsWith("사용자가 «부분집합의 수를 설명해 줘»라고 물었다.", Assert.IsType<TextReasoningContent>(c).Text),
            c => Assert.Equal("«부분집합의 수를 설명해 줘»에 대한 답변입니다. (에뮬레이터, 사용자 메시지 1개)", Assert.IsType<TextContent>(c).Text));
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(ClovaModels.Hcx007, response.ModelId);
        Assert.NotNull(response.RawRepresentation);
    }

    [Fact]
    public async Task Usage_carries_prompt_completion_total_and_thinking_tokens_as_the_service_counted_them()
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Chat().GetResponseAsync("hello world");

        string reasoning = Assert.IsType<TextReasoningContent>(response.Messages[0].Contents[0]).Text;
        UsageDetails usage = Assert.IsType<UsageDetails>(response.Usage);
        Assert.Equal(5, usage.InputTokenCount); // "hello world" = 2 tokens + 3 for the turn
        Assert.Equal(33, usage.ReasoningTokenCount); // "사용자가 «hello world»라고 물었다. 질문의 핵심을 정리하고 답의 순서를 정하자." = 33 tokens
        Assert.Equal(33 + 29, usage.OutputTokenCount); // the reasoning + "«hello world»에 대한 답변입니다. (에뮬레이터, 사용자 메시지 1개)" = 29 tokens
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
    }

    [Fact]
    public async Task ResponseId_and_MessageId_are_the_request_id_header_that_was_sent()
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Chat().GetResponseAsync("hi");

        string? sent = session.Emulator.LastRequest!.Header("X-NCP-CLOVASTUDIO-REQUEST-ID");
        Assert.True(Guid.TryParse(sent, out _), $"request id '{sent}' is not a GUID");
        Assert.Equal(sent, response.ResponseId);
        Assert.Equal(sent, response.Messages[0].MessageId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreatedAt_is_read_whether_the_service_sends_seconds_or_milliseconds(bool milliseconds)
    {
        await using var session = await EmulatorSession.StartAsync(new ClovaEmulatorOptions { CreatedInMilliseconds = milliseconds });
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-2);

        ChatResponse response = await session.Chat().GetResponseAsync("hi");

        Assert.NotNull(response.CreatedAt);
        Assert.InRange(response.CreatedAt.Value, before, DateTimeOffset.UtcNow.AddSeconds(2));
    }

    [Fact]
    public async Task ChatOptions_ModelId_overrides_the_default_model_in_the_path_and_the_response()
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Chat(ClovaModels.Hcx007).GetResponseAsync("hi", new ChatOptions { ModelId = ClovaModels.HcxDash002 });

        Assert.Equal("/v3/chat-completions/HCX-DASH-002", session.Emulator.LastRequest!.Path);
        Assert.Equal(ClovaModels.HcxDash002, response.ModelId);
        Assert.DoesNotContain(response.Messages[0].Contents, c => c is TextReasoningContent);
    }

    [Fact]
    public async Task AI_filter_results_arrive_as_a_typed_list_when_includeAiFilters_is_set()
    {
        await using var session = await EmulatorSession.StartAsync();
        var options = new ChatOptions { AdditionalProperties = new() { ["includeAiFilters"] = true } };

        ChatResponse response = await session.Chat(ClovaModels.Hcx005).GetResponseAsync("hi", options);

        var filters = Assert.IsAssignableFrom<IReadOnlyList<ClovaAiFilterResult>>(response.AdditionalProperties![ClovaPropertyNames.AiFilter]);
        Assert.Equal(3, filters.Count);
        Assert.Contains(filters, f => f is { GroupName: "curse", Name: "insult", RawScore: "2", Score: 2, Result: "OK" });
        Assert.Contains(filters, f => f is { GroupName: "unsafeContents", Name: "sexualHarassment" });
    }

    [Fact]
    public async Task No_AI_filter_entry_appears_when_filters_were_not_asked_for()
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Chat(ClovaModels.Hcx005).GetResponseAsync("hi");

        Assert.False(response.AdditionalProperties?.ContainsKey(ClovaPropertyNames.AiFilter) ?? false);
    }

    [Fact]
    public async Task The_seed_sent_is_echoed_in_additional_properties()
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Chat(ClovaModels.Hcx005).GetResponseAsync("hi", new ChatOptions { Seed = 4_000_000_000 });

        Assert.Equal(4_000_000_000L, response.AdditionalProperties![ClovaPropertyNames.Seed]);
        Assert.Contains("\"seed\":4000000000", session.Emulator.LastRequest!.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Effort_none_sends_thinking_none_and_returns_no_reasoning()
    {
        await using var session = await EmulatorSession.StartAsync();
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } };

        ChatResponse response = await session.Chat().GetResponseAsync("hi", options);

        Assert.Contains("\"thinking\":{\"effort\":\"none\"}", session.Emulator.LastRequest!.Body, StringComparison.Ordinal);
        Assert.All(response.Messages[0].Contents, c => Assert.IsType<TextContent>(c));
        Assert.Equal(0, response.Usage!.ReasoningTokenCount);
    }

    [Fact]
    public async Task Reasoning_output_None_hides_the_reasoning_text_but_keeps_its_token_count()
    {
        await using var session = await EmulatorSession.StartAsync();
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High, Output = ReasoningOutput.None } };

        ChatResponse response = await session.Chat().GetResponseAsync("hi", options);

        Assert.DoesNotContain(response.Messages[0].Contents, c => c is TextReasoningContent);
        Assert.True(response.Usage!.ReasoningTokenCount > 0);
        Assert.Contains("\"effort\":\"high\"", session.Emulator.LastRequest!.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_maxCompletionTokens_can_end_the_reply_while_still_reasoning_with_finish_reason_Length()
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Chat().GetResponseAsync("hi", new ChatOptions { MaxOutputTokens = 5 });

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("", response.Text);
        Assert.Equal(5, response.Usage!.ReasoningTokenCount);
        Assert.Contains("\"maxCompletionTokens\":5", session.Emulator.LastRequest!.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_sequences_on_HCX_007_turn_thinking_off_so_the_request_succeeds_and_the_answer_is_cut()
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Chat().GetResponseAsync("hi", new ChatOptions { StopSequences = ["대한"] });

        Assert.Equal("«hi»에 ", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        using JsonDocument sent = JsonDocument.Parse(session.Emulator.LastRequest!.Body);
        Assert.Equal("none", sent.RootElement.GetProperty("thinking").GetProperty("effort").GetString());
        Assert.Equal("대한", sent.RootElement.GetProperty("stop")[0].GetString());
    }

    [Fact]
    public async Task Instructions_and_every_system_message_become_the_one_system_message_CLOVA_allows()
    {
        await using var session = await EmulatorSession.StartAsync();
        ChatMessage[] history =
        [
            new(ChatRole.System, "You are terse."),
            new(ChatRole.User, "first"),
            new(ChatRole.Assistant, "ok"),
            new(ChatRole.System, "Answer in Korean."),
            new(ChatRole.User, "second"),
        ];

        ChatResponse response = await session.Chat(ClovaModels.Hcx005).GetResponseAsync(history, new ChatOptions { Instructions = "Be kind." });

        using JsonDocument sent = JsonDocument.Parse(session.Emulator.LastRequest!.Body);
        JsonElement[] messages = [.. sent.RootElement.GetProperty("messages").EnumerateArray()];
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("Be kind.\n\nYou are terse.\n\nAnswer in Korean.", messages[0].GetProperty("content").GetString());
        Assert.Contains("사용자 메시지 2개", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reasoning_from_an_earlier_turn_is_never_sent_back()
    {
        await using var session = await EmulatorSession.StartAsync();
        var chat = session.Chat();
        List<ChatMessage> history = [new(ChatRole.User, "first question")];
        ChatResponse first = await chat.GetResponseAsync(history);
        Assert.Contains(first.Messages[0].Contents, c => c is TextReasoningContent);
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.User, "second question"));

        ChatResponse second = await chat.GetResponseAsync(history);

        string body = session.Emulator.LastRequest!.Body;
        Assert.DoesNotContain("thinkingContent", body, StringComparison.Ordinal);
        Assert.DoesNotContain("사용자가", body, StringComparison.Ordinal);
        Assert.Contains(first.Text, body, StringComparison.Ordinal);
        Assert.Contains("사용자 메시지 2개", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Korean_text_travels_as_UTF_8_not_as_unicode_escapes()
    {
        await using var session = await EmulatorSession.StartAsync();

        await session.Chat().GetResponseAsync("안녕하세요 こんにちは");

        string body = session.Emulator.LastRequest!.Body;
        Assert.Contains("안녕하세요 こんにちは", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_legacy_key_pair_is_sent_as_the_two_legacy_headers_and_accepted()
    {
        await using var session = await EmulatorSession.StartAsync(configure: o =>
        {
            o.ApiKey = null;
            o.LegacyApiKey = "legacy-clova-key";
            o.LegacyApiGatewayKey = "legacy-gateway-key";
        });

        ChatResponse response = await session.Chat().GetResponseAsync("hi");

        RecordedRequest sent = session.Emulator.LastRequest!;
        Assert.Equal("legacy-clova-key", sent.Header("X-NCP-CLOVASTUDIO-API-KEY"));
        Assert.Equal("legacy-gateway-key", sent.Header("X-NCP-APIGW-API-KEY"));
        Assert.Null(sent.Header("Authorization"));
        Assert.NotEmpty(response.Text);
    }

    [Fact]
    public async Task An_app_path_segment_is_placed_before_the_api_version()
    {
        await using var session = await EmulatorSession.StartAsync(configure: o => o.AppPath = "testapp");

        await session.Chat().GetResponseAsync("hi");

        Assert.Equal("/testapp/v3/chat-completions/HCX-007", session.Emulator.LastRequest!.Path);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_on_one_client_each_get_their_own_answer()
    {
        await using var session = await EmulatorSession.StartAsync();
        IChatClient chat = session.Chat(ClovaModels.HcxDash002);

        ChatResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => chat.GetResponseAsync($"question {i}")));

        for (int i = 0; i < responses.Length; i++)
        {
            Assert.StartsWith($"«question {i}»", responses[i].Text, StringComparison.Ordinal);
        }

        Assert.Equal(50, responses.Select(r => r.ResponseId).Distinct().Count());
    }
}
