using System.Text.Json;
using System.Text.Json.Nodes;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Exactly what the client puts on the wire, byte for byte where it matters.</summary>
public sealed class RequestJsonTests
{
    [Fact]
    public async Task Every_mapped_option_is_sent_under_its_CLOVA_name_in_one_exact_body()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);
        var options = new ChatOptions
        {
            Instructions = "간결하게",
            Temperature = 0.5f,
            TopP = 0.8f,
            TopK = 3,
            Seed = 12,
            MaxOutputTokens = 300,
            AdditionalProperties = new() { ["includeAiFilters"] = true, ["repetitionPenalty"] = 1.1, ["unrelatedKey"] = "x" },
        };

        await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync([new(ChatRole.User, "안녕"), new(ChatRole.Assistant, ""), new(ChatRole.User, "다시")], options);

        Assert.Equal(
            """{"messages":[{"role":"system","content":"간결하게"},{"role":"user","content":"안녕"},{"role":"assistant","content":""},{"role":"user","content":"다시"}],"topP":0.8,"topK":3,"maxTokens":300,"temperature":0.5,"repetitionPenalty":1.1,"seed":12,"includeAiFilters":true}""",
            handler.LastBody);
    }

    [Fact]
    public async Task MaxOutputTokens_goes_to_maxCompletionTokens_for_HCX_007_and_to_maxTokens_for_other_models_never_both()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);
        var options = new ChatOptions { MaxOutputTokens = 2048 };

        await client.GetChatClient(ClovaModels.Hcx007).GetResponseAsync("q", options);
        JsonObject forThinking = JsonNode.Parse(handler.LastBody)!.AsObject();
        await client.GetChatClient(ClovaModels.HcxDash002).GetResponseAsync("q", options);
        JsonObject forDash = JsonNode.Parse(handler.LastBody)!.AsObject();

        Assert.Equal(2048, (int)forThinking["maxCompletionTokens"]!);
        Assert.False(forThinking.ContainsKey("maxTokens"));
        Assert.Equal(2048, (int)forDash["maxTokens"]!);
        Assert.False(forDash.ContainsKey("maxCompletionTokens"));
    }

    [Theory]
    [InlineData(ReasoningEffort.None, "none")]
    [InlineData(ReasoningEffort.Low, "low")]
    [InlineData(ReasoningEffort.Medium, "medium")]
    [InlineData(ReasoningEffort.High, "high")]
    [InlineData(ReasoningEffort.ExtraHigh, "high")]
    public async Task Reasoning_effort_maps_to_thinking_effort(ReasoningEffort effort, string expected)
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);

        await client.GetChatClient(ClovaModels.Hcx007).GetResponseAsync("q", new ChatOptions { Reasoning = new() { Effort = effort } });

        Assert.Equal(expected, (string)JsonNode.Parse(handler.LastBody)!["thinking"]!["effort"]!);
    }

    [Fact]
    public async Task Reasoning_options_are_ignored_for_models_without_thinking()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);

        await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { Reasoning = new() { Effort = ReasoningEffort.High } });

        Assert.DoesNotContain("thinking", handler.LastBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_set_by_RawRepresentationFactory_win_over_mapped_ones_and_others_are_kept()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);
        var options = new ChatOptions
        {
            Temperature = 0.1f,
            TopK = 5,
            RawRepresentationFactory = _ => new JsonObject { ["temperature"] = 0.9, ["repetitionPenalty"] = 1.5 },
        };

        await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("한국어", options);

        Assert.Equal(
            """{"messages":[{"role":"user","content":"한국어"}],"topK":5,"temperature":0.9,"repetitionPenalty":1.5}""",
            handler.LastBody);
    }

    [Fact]
    public async Task A_RawRepresentationFactory_returning_another_type_is_rejected_with_the_expected_type_named()
    {
        var options = new ChatOptions { RawRepresentationFactory = _ => new Dictionary<string, object>() };

        var error = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", options));

        Assert.Contains("System.Text.Json.Nodes.JsonObject", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_carry_the_bearer_key_a_request_id_and_the_accept_type_of_the_call()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);

        await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q");

        HttpRequestMessage request = handler.LastRequest;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://clovastudio.stream.ntruss.com/v3/chat-completions/HCX-005", request.RequestUri!.AbsoluteUri);
        Assert.Equal($"Bearer {EmulatorSession.Key}", request.Headers.Authorization!.ToString());
        Assert.True(Guid.TryParse(request.Headers.GetValues("X-NCP-CLOVASTUDIO-REQUEST-ID").Single(), out _));
        Assert.Equal("application/json", request.Headers.Accept.Single().MediaType);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_seed_documents_HCX_007_request_is_what_the_equivalent_ChatOptions_produce()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);
        JsonObject seed = JsonNode.Parse(Payload.Read("v3-thinking-request.ja.json"))!.AsObject();
        string system = (string)seed["messages"]![0]!["content"]!;
        string user = (string)seed["messages"]![1]!["content"]![0]!["text"]!;
        var options = new ChatOptions
        {
            Reasoning = new() { Effort = ReasoningEffort.Low },
            TopP = 0.8f,
            TopK = 0,
            MaxOutputTokens = 5120,
            Temperature = 0.5f,
            AdditionalProperties = new() { ["repetitionPenalty"] = 1.1 },
        };

        await client.GetChatClient(ClovaModels.Hcx007).GetResponseAsync([new(ChatRole.System, system), new(ChatRole.User, user)], options);

        JsonObject sent = JsonNode.Parse(handler.LastBody)!.AsObject();
        // The doc sends the user turn as a text part and an empty "stop"; a plain string and no stop mean the same.
        seed["messages"]![1]!["content"] = user;
        seed.Remove("stop");
        Assert.True(JsonNode.DeepEquals(seed, sent), $"sent {sent.ToJsonString()}");
    }

    [Fact]
    public async Task AdditionalProperties_may_carry_JSON_elements_and_strings_for_CLOVA_fields()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);
        var options = new ChatOptions
        {
            AdditionalProperties = new()
            {
                ["includeAiFilters"] = JsonDocument.Parse("true").RootElement,
                ["thinking"] = JsonDocument.Parse("""{"effort":"medium"}""").RootElement,
                ["maxCompletionTokens"] = "777",
            },
        };

        await client.GetChatClient(ClovaModels.Hcx007).GetResponseAsync("q", options);

        Assert.Equal(
            """{"messages":[{"role":"user","content":"q"}],"thinking":{"effort":"medium"},"maxCompletionTokens":777,"includeAiFilters":true}""",
            handler.LastBody);
    }
}
