using System.Text.Json.Nodes;
using Clova.Emulator;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>v1 chat (HCX-003, HCX-DASH-001), tuned tasks and the v1/v3 choice, over real HTTP and on the wire.</summary>
public sealed class LegacyChatTests
{
    private static readonly string V1Ok = ClovaBody.Ok("""{"message":{"role":"assistant","content":"ok"},"stopReason":"end_token","inputLength":5,"outputLength":1}""");

    [Theory]
    [InlineData(ClovaModels.Hcx003)]
    [InlineData(ClovaModels.HcxDash001)]
    public async Task Legacy_models_speak_v1_and_map_stopReason_and_lengths(string model)
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Chat(model).GetResponseAsync("안녕");

        Assert.Equal($"/v1/chat-completions/{model}", session.Emulator.LastRequest!.Path);
        Assert.Equal("«안녕»에 대한 답변입니다. (에뮬레이터, 사용자 메시지 1개)", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("END_TOKEN", response.AdditionalProperties![ClovaPropertyNames.StopReason]);
        Assert.Equal(2 + 3, response.Usage!.InputTokenCount); // "안", "녕" + 3 per message, the emulator's documented rule
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        Assert.Null(response.Usage.ReasoningTokenCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stop_reasons_are_read_in_any_letter_case(bool upperCase)
    {
        await using var session = await EmulatorSession.StartAsync(new ClovaEmulatorOptions { UpperCaseStopReason = upperCase });
        IChatClient chat = session.Chat(ClovaModels.Hcx003);

        ChatResponse stopped = await chat.GetResponseAsync("hi", new ChatOptions { StopSequences = ["대한"] });
        ChatResponse cut = await chat.GetResponseAsync("hi", new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal(ChatFinishReason.Stop, stopped.FinishReason);
        Assert.Equal(upperCase ? "STOP_BEFORE" : "stop_before", stopped.AdditionalProperties![ClovaPropertyNames.StopReason]);
        Assert.Equal("«hi»에 ", stopped.Text);
        Assert.Equal(ChatFinishReason.Length, cut.FinishReason);
        Assert.Equal("«hi", cut.Text);
    }

    [Fact]
    public async Task A_v1_stream_rebuilds_the_non_streaming_reply_with_one_usage_from_the_result_lengths()
    {
        await using var session = await EmulatorSession.StartAsync();
        IChatClient chat = session.Chat(ClovaModels.Hcx003);

        ChatResponse whole = await chat.GetResponseAsync("hello there");
        List<ChatResponseUpdate> updates = await chat.GetStreamingResponseAsync("hello there").CollectAsync();

        ChatResponse rebuilt = updates.ToChatResponse();
        Assert.Equal(whole.Text, rebuilt.Text);
        UsageContent usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Equal(whole.Usage!.OutputTokenCount, usage.Details.OutputTokenCount);
        Assert.Equal(whole.Usage.TotalTokenCount, rebuilt.Usage!.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.Equal("END_TOKEN", rebuilt.Messages[0].AdditionalProperties![ClovaPropertyNames.StopReason]);
    }

    [Fact]
    public async Task The_v1_mapping_uses_v1_field_names()
    {
        var handler = new RecordingHandler(V1Ok);
        using ClovaClient client = RecordingHandler.Client(handler);
        var options = new ChatOptions
        {
            Temperature = 0.5f,
            TopP = 0.8f,
            TopK = 0,
            Seed = 3,
            MaxOutputTokens = 256,
            StopSequences = ["###"],
            AdditionalProperties = new() { ["repeatPenalty"] = 5.0, ["includeAiFilters"] = true },
        };

        await client.GetChatClient(ClovaModels.Hcx003).GetResponseAsync([new(ChatRole.System, "test"), new(ChatRole.User, "Let's test it.")], options);

        Assert.Equal("https://clovastudio.stream.ntruss.com/v1/chat-completions/HCX-003", handler.LastRequest.RequestUri!.AbsoluteUri);
        Assert.Equal(
            """{"messages":[{"role":"system","content":"test"},{"role":"user","content":"Let's test it."}],"topP":0.8,"topK":0,"maxTokens":256,"temperature":0.5,"repeatPenalty":5,"stopBefore":["###"],"seed":3,"includeAiFilters":true}""",
            handler.LastBody);
    }

    [Fact]
    public async Task The_seed_documents_v1_request_is_what_the_equivalent_ChatOptions_produce()
    {
        var handler = new RecordingHandler(V1Ok);
        using ClovaClient client = RecordingHandler.Client(handler);
        JsonObject seed = JsonNode.Parse(Payload.Read("v1-chat-request.en.json"))!.AsObject();
        var options = new ChatOptions
        {
            TopK = 0,
            MaxOutputTokens = 256,
            Temperature = 0.5f,
            TopP = 0.8f,
            AdditionalProperties = new() { ["includeAiFilters"] = true, ["repeatPenalty"] = 5.0 },
        };

        await client.GetChatClient(ClovaModels.Hcx003).GetResponseAsync(
            [new(ChatRole.System, "test"), new(ChatRole.User, "Let's test it."), new(ChatRole.Assistant, "Understood. What would you like to test?")], options);

        seed.Remove("stopBefore"); // the doc sends an empty list; sending none means the same
        Assert.True(JsonNode.DeepEquals(seed, JsonNode.Parse(handler.LastBody)), handler.LastBody);
    }

    [Fact]
    public async Task The_documented_v1_response_maps_LENGTH_lengths_and_filters_without_a_result_field()
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(Payload.Read("v1-chat-response.en.json")));

        ChatResponse response = await client.GetChatClient(ClovaModels.Hcx003).GetResponseAsync("q");

        Assert.StartsWith("Phrase: Record what happened today", response.Text, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("LENGTH", response.AdditionalProperties![ClovaPropertyNames.StopReason]);
        Assert.Equal((100L, 10L, 110L), (response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value, response.Usage.TotalTokenCount!.Value));
        var filters = Assert.IsAssignableFrom<IReadOnlyList<ClovaAiFilterResult>>(response.AdditionalProperties[ClovaPropertyNames.AiFilter]);
        Assert.Contains(filters, f => f is { Name: "discrimination", Score: 0, Result: null });
    }

    [Fact]
    public async Task The_documented_v1_stream_sample_ends_cleanly_without_repeating_text()
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(Payload.Read("v1-chat-stream.en.sse"), "text/event-stream"));

        ChatResponse rebuilt = await client.GetChatClient(ClovaModels.Hcx003).GetStreamingResponseAsync("q").ToChatResponseAsync();

        Assert.Equal("H", rebuilt.Text);
        Assert.Single(rebuilt.Messages);
    }

    [Fact]
    public async Task HCX_003_can_be_pinned_to_v3_and_an_unknown_model_to_v1()
    {
        var handler = new RecordingHandler(V1Ok);
        using ClovaClient client = RecordingHandler.Client(handler);

        await client.GetChatClient(ClovaModels.Hcx003, ClovaApiVersion.V3).GetResponseAsync("q", new ChatOptions { MaxOutputTokens = 10 });
        string v3 = handler.LastRequest.RequestUri!.AbsolutePath;
        await client.GetChatClient("HCX-LEGACY-X", ClovaApiVersion.V1).GetResponseAsync("q");
        string v1 = handler.LastRequest.RequestUri!.AbsolutePath;
        await client.GetChatClient("HCX-FUTURE-9").GetResponseAsync("q");
        string auto = handler.LastRequest.RequestUri!.AbsolutePath;

        Assert.Equal("/v3/chat-completions/HCX-003", v3);
        Assert.Equal("/v1/chat-completions/HCX-LEGACY-X", v1);
        Assert.Equal("/v3/chat-completions/HCX-FUTURE-9", auto);
    }

    [Fact]
    public async Task The_v3_name_repetitionPenalty_is_refused_on_v1_pointing_to_repeatPenalty_and_its_range()
    {
        var error = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx003).GetResponseAsync("q", new ChatOptions { AdditionalProperties = new() { ["repetitionPenalty"] = 1.1 } }));

        Assert.Contains("\"repeatPenalty\" (0 < x ≤ 10", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0f, "temperature")]
    [InlineData(1.5f, "temperature")]
    public async Task v1_ranges_exclude_zero_and_are_checked_before_sending(float temperature, string field)
    {
        var error = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx003).GetResponseAsync("q", new ChatOptions { Temperature = temperature }));

        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_are_refused_on_v1_before_sending()
    {
        var error = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx003).GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png")])]));

        Assert.Contains("takes text only", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClovaApiVersion.V1, "/v1/tasks/tuned-hcx003-demo/chat-completions")]
    [InlineData(ClovaApiVersion.V3, "/v3/tasks/tuned-hcx003-demo/chat-completions")]
    public async Task A_tuned_task_is_reached_on_the_chosen_API(ClovaApiVersion version, string path)
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Client.GetTaskChatClient("tuned-hcx003-demo", version).GetResponseAsync("hi");

        Assert.Equal(path, session.Emulator.LastRequest!.Path);
        Assert.Contains("«hi»", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_task_is_a_404_ClovaException()
    {
        await using var session = await EmulatorSession.StartAsync();

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Client.GetTaskChatClient("no-such-task", ClovaApiVersion.V1).GetResponseAsync("hi"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("40400", error.ErrorCode);
    }

    [Fact]
    public void A_task_client_needs_an_explicit_API_version()
    {
        using var client = new ClovaClient(EmulatorSession.Key);

        Assert.Throws<ArgumentOutOfRangeException>(() => client.GetTaskChatClient("t", ClovaApiVersion.Auto));
    }

    [Fact]
    public async Task Tools_and_reasoning_are_refused_for_a_tuned_task_on_v3()
    {
        AIFunction tool = AIFunctionFactory.Create(() => "x", "noop");

        var error = await Refusal.BeforeSendingAsync(client => client.GetTaskChatClient("t1", ClovaApiVersion.V3).GetResponseAsync("q", new ChatOptions { Tools = [tool] }));

        Assert.Contains("does not support function calling", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_legacy_key_pair_works_on_v1()
    {
        await using var session = await EmulatorSession.StartAsync(configure: EmulatorSession.LegacyKeys("legacy", "gateway"));

        ChatResponse response = await session.Chat(ClovaModels.Hcx003).GetResponseAsync("hi");

        Assert.Equal("gateway", session.Emulator.LastRequest!.Header("X-NCP-APIGW-API-KEY"));
        Assert.NotEmpty(response.Text);
    }
}
