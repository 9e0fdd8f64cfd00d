using System.Text.Json.Nodes;
using Clova.Internal;
using Clova.Requests;
using Clova.Rules;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>The parameter table is the one home of request fields: these pin what a row alone gives a field.</summary>
public sealed class ParameterTableTests
{
    public static TheoryData<string> V3FieldsFromAdditionalProperties() =>
        [.. ClovaParameters.All.Where(r => r.V3 is not null && r.FromAdditionalProperties).Select(r => r.V3!.Name)];

    [Fact]
    public void Every_row_has_a_field_in_at_least_one_dialect_and_no_dialect_has_two_rows_of_one_name()
    {
        Assert.All(ClovaParameters.All, row => Assert.True(row.V3 is not null || row.V1 is not null || row.Lk is not null, $"row {row.Index} has no field"));
        foreach (ClovaDialect dialect in Enum.GetValues<ClovaDialect>())
        {
            string[] names = [.. ClovaParameters.All.Select(r => r.Field(dialect)?.Name).OfType<string>()];
            Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void Rows_that_a_typed_option_or_a_completion_property_fills_name_that_option_for_refusals()
    {
        Assert.All(ClovaParameters.All.Where(r => r.FromChatOptions is not null), row => Assert.StartsWith("ChatOptions.", row.ChatOption, StringComparison.Ordinal));
        Assert.All(ClovaParameters.All.Where(r => r.FromCompletion is not null), row => Assert.StartsWith("ClovaCompletionRequest.", row.CompletionOption, StringComparison.Ordinal));
        Assert.All(ClovaParameters.All.Where(r => r.Kind == ClovaValueKind.Json), row => Assert.NotNull(row.JsonType));
    }

    [Theory]
    [MemberData(nameof(V3FieldsFromAdditionalProperties))]
    public void Every_v3_field_of_the_table_is_read_from_AdditionalProperties_under_its_own_name(string name)
    {
        Assert.Same(ClovaParameters.Find(ClovaDialect.V3Chat, name), ClovaParameters.All.Single(r => r.V3?.Name == name));
    }

    [Fact]
    public async Task A_field_set_both_ways_is_sent_once_with_the_typed_value_and_a_raw_field_replaces_it_in_place()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);
        var options = new ChatOptions
        {
            TopK = 3,
            Temperature = 0.2f,
            AdditionalProperties = new() { ["topK"] = 9, ["seed"] = 7 },
            RawRepresentationFactory = _ => new JsonObject { ["seed"] = 8, ["temperature"] = null },
        };

        await client.GetChatClient(ClovaModels.HcxDash002).GetResponseAsync("q", options);

        Assert.Equal("""{"messages":[{"role":"user","content":"q"}],"topK":3,"temperature":null,"seed":8}""", handler.LastBody);
    }

    [Fact]
    public async Task A_range_refusal_names_the_AdditionalProperties_key_when_that_is_where_the_value_came_from()
    {
        var typed = await Refusal.BeforeSendingAsync(c => c.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { TopK = 200 }));
        var additional = await Refusal.BeforeSendingAsync(c => c.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { AdditionalProperties = new() { ["topK"] = 200 } }));

        Assert.StartsWith("topK (ChatOptions.TopK) must be between 0 and 128 for HCX-005; got 200.", typed.Message, StringComparison.Ordinal);
        Assert.StartsWith("topK (ChatOptions.AdditionalProperties[\"topK\"]) must be between 0 and 128 for HCX-005; got 200.", additional.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thinking")]
    [InlineData("maxCompletionTokens")]
    public async Task A_v3_only_field_on_the_v1_API_is_refused_not_dropped(string key)
    {
        var error = await Refusal.BeforeSendingAsync(c => c.GetChatClient(ClovaModels.Hcx003).GetResponseAsync("q", new ChatOptions { AdditionalProperties = new() { [key] = "1" } }));

        Assert.Contains($"[\"{key}\"] is a v3 field; the v1 chat API (HCX-003) does not accept it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_v3_name_of_a_field_on_the_v1_API_points_at_the_v1_name()
    {
        var error = await Refusal.BeforeSendingAsync(c => c.GetChatClient(ClovaModels.Hcx003).GetResponseAsync("q", new ChatOptions { AdditionalProperties = new() { ["stop"] = "x" } }));

        Assert.Contains("[\"stop\"] is the v3 field; the v1 API (HCX-003) takes \"stopBefore\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("repeatPenalty", "repetitionPenalty\" (0 < x ≤ 2, default 1.1)")]
    [InlineData("stopBefore", "stop\"")]
    public async Task The_v1_name_of_a_field_on_the_v3_API_is_refused_pointing_at_the_v3_name(string key, string expected)
    {
        var error = await Refusal.BeforeSendingAsync(c => c.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { AdditionalProperties = new() { [key] = "5" } }));

        Assert.Contains($"[\"{key}\"] is the v1 field", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the v3 API (HCX-005) takes \"{expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_that_are_no_CLOVA_chat_field_are_left_for_other_components()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);

        await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { AdditionalProperties = new() { ["text"] = "x", ["myTracingId"] = 1 } });

        Assert.Equal("""{"messages":[{"role":"user","content":"q"}]}""", handler.LastBody);
    }

    [Fact]
    public async Task A_raw_field_replaces_only_the_field_of_exactly_its_name()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);
        var raw = new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true }) { ["TOPP"] = 0.9 };

        await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { TopP = 0.5f, RawRepresentationFactory = _ => raw });

        Assert.Equal("""{"messages":[{"role":"user","content":"q"}],"topP":0.5,"TOPP":0.9}""", handler.LastBody);
    }

    [Fact]
    public async Task An_unknown_ReasoningEffort_in_AdditionalProperties_is_refused_naming_it()
    {
        var error = await Refusal.BeforeSendingAsync(c => c.GetChatClient(ClovaModels.Hcx007).GetResponseAsync("q", new ChatOptions { AdditionalProperties = new() { ["thinking"] = (ReasoningEffort)99 } }));

        Assert.Contains("AdditionalProperties[\"thinking\"] must be a known ReasoningEffort, not 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_thinking_policy_turns_HCX_007_thinking_off_for_stop_sequences_only_when_no_effort_was_chosen()
    {
        ClovaModelInfo model = ClovaModelCatalog.Get(ClovaModels.Hcx007);
        ClovaRequest implicitEffort = ClovaRequestBuilder.ForChat([new(ChatRole.User, "q")], new ChatOptions { StopSequences = ["\n"] }, model, ClovaDialect.V3Chat, raw: null);

        Assert.Equal("none", implicitEffort.Values[ClovaParameters.Thinking]);
        Assert.Equal(ClovaValueSource.Policy, implicitEffort.Values.SourceOf(ClovaParameters.Thinking));
        Assert.Throws<ArgumentException>(() => ClovaRequestBuilder.ForChat(
            [new(ChatRole.User, "q")], new ChatOptions { StopSequences = ["\n"], Reasoning = new() { Effort = ReasoningEffort.Low } }, model, ClovaDialect.V3Chat, raw: null));
    }

    [Fact]
    public void Ranges_read_as_the_docs_write_them()
    {
        Assert.Equal("0 < x ≤ 10", ClovaRange.AboveZero(10).ToString());
        Assert.Equal("between 0 and 128", ClovaRange.Closed(0, 128).Describe());
        Assert.Equal("at least 1 and below 2048", ClovaRange.Below(1, 2048).Describe());
        Assert.False(ClovaRange.AboveZero(1).Contains(0));
        Assert.False(ClovaRange.Below(1, 2048).Contains(2048));
        Assert.False(ClovaRange.Closed(0, 1).Contains(double.NaN));
    }

    [Fact]
    public void The_catalogue_names_the_models_that_have_a_capability()
    {
        Assert.Equal("HCX-007, HCX-005 or HCX-DASH-002", ClovaModelCatalog.ModelsWith(ClovaCapability.Tools));
        Assert.Equal("HCX-007", ClovaModelCatalog.ModelsWith(ClovaCapability.StructuredOutputs));
    }

    [Fact]
    public void Api_paths_escape_ids_and_follow_the_version()
    {
        Assert.Equal(new ClovaApiPath("v1/tasks/a%2Fb/chat-completions", "task"), ClovaApiPaths.TaskChatCompletions(ClovaApiVersion.V1, "a/b"));
        Assert.Equal(new ClovaApiPath("v3/chat-completions/HCX-007", "HCX-007"), ClovaApiPaths.ChatCompletions(ClovaApiVersion.V3, "HCX-007"));
        Assert.Equal(new ClovaApiPath("v3/api-tools/chat-tokenize/HCX-005", "chat-tokenize"), ClovaApiPaths.ChatTokenize(ClovaApiVersion.V3, "HCX-005"));
    }

    [Fact]
    public void The_rule_book_refuses_an_empty_conversation_but_not_one_of_instructions_alone() =>
        Assert.Single(ClovaRuleBook.CheckMessages([], "시스템") is { } list ? [list] : Array.Empty<object>());
}
