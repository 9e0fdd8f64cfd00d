using Clova.Chat;
using Clova.Internal;
using Clova.Requests;
using Clova.Rules;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>The pure <c>ToClova…</c> / <c>FromClova…</c> functions, the parameter table and the rule book, without HTTP.</summary>
public sealed class MappingTests
{
    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("length", "length")]
    [InlineData("tool_calls", "tool_calls")]
    [InlineData("LENGTH", "length")]
    public void Known_finish_reasons_map_to_the_MEAI_constants(string raw, string expected) =>
        Assert.Equal(new ChatFinishReason(expected), ChatResponseMapper.FromClovaFinishReason(raw));

    [Fact]
    public void An_unknown_finish_reason_is_kept_as_it_came_not_collapsed_to_Stop()
    {
        ChatFinishReason? reason = ChatResponseMapper.FromClovaFinishReason("end_token_v9");

        Assert.Equal("end_token_v9", reason!.Value.Value);
        Assert.NotEqual(ChatFinishReason.Stop, reason);
    }

    [Fact]
    public void A_missing_finish_reason_stays_null() => Assert.Null(ChatResponseMapper.FromClovaFinishReason(null));

    [Theory]
    [InlineData(1753362971L, 1753362971000L)]
    [InlineData(1753362971123L, 1753362971123L)]
    public void Created_is_read_as_seconds_below_ten_to_the_twelfth_and_as_milliseconds_above(long created, long expectedMs) =>
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMs), ChatResponseMapper.FromClovaCreated(created));

    [Fact]
    public void Usage_figures_are_reported_as_sent_even_when_they_do_not_add_up()
    {
        var usage = new ClovaUsage { PromptTokens = 10, CompletionTokens = 5, TotalTokens = 99, CompletionTokensDetails = new() { ThinkingTokens = 3 } };

        UsageDetails details = ChatResponseMapper.FromClovaUsage(usage)!;

        Assert.Equal((10L, 5L, 99L, 3L), (details.InputTokenCount!.Value, details.OutputTokenCount!.Value, details.TotalTokenCount!.Value, details.ReasoningTokenCount!.Value));
    }

    [Fact]
    public void An_AI_filter_score_that_is_not_a_number_keeps_its_raw_text_and_has_no_numeric_score()
    {
        IReadOnlyList<ClovaAiFilterResult> results = ChatResponseMapper.FromClovaAiFilters([new ClovaAiFilter { GroupName = "curse", Name = "insult", Score = "n/a" }])!;

        Assert.Equal("n/a", results[0].RawScore);
        Assert.Null(results[0].Score);
    }

    [Fact]
    public void An_AI_filter_score_of_minus_one_means_the_filter_failed_and_parses_as_minus_one() =>
        Assert.Equal(-1, new ClovaAiFilterResult("curse", "insult", "-1", "ERROR").Score);

    [Fact]
    public void Text_of_several_parts_is_joined_and_reasoning_is_dropped()
    {
        var message = new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("생각"), new TextContent("답"), new TextContent("변")]);

        Assert.Equal("답변", ChatRequestMapper.ToClovaText(message));
    }

    [Fact]
    public void A_message_with_no_text_is_sent_as_an_empty_string_never_null() =>
        Assert.Equal("", ChatRequestMapper.ToClovaText(new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("only thinking")])));

    [Fact]
    public void An_unknown_role_is_rejected_with_the_roles_CLOVA_has()
    {
        var error = Assert.Throws<ArgumentException>(() => ClovaRuleBook.CheckMessages([new ChatMessage(new ChatRole("developer"), "x")], null));

        Assert.Contains("'developer'", error.Message, StringComparison.Ordinal);
        Assert.Contains("system, user, assistant, tool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_conversation_is_rejected_before_sending() =>
        Assert.Throws<ArgumentException>(() => ClovaRuleBook.CheckMessages([], null));

    [Theory]
    [InlineData(1.01f, null, null, null, "temperature (ChatOptions.Temperature) must be between 0 and 1")]
    [InlineData(null, 0f, null, null, "topP (ChatOptions.TopP) must be greater than 0 and at most 1")]
    [InlineData(null, null, 129, null, "topK (ChatOptions.TopK) must be between 0 and 128")]
    [InlineData(null, null, null, 4294967296L, "seed (ChatOptions.Seed) must be between 0 and 4294967295")]
    public void Out_of_range_sampling_options_are_rejected_naming_the_field_and_the_rule(float? temperature, float? topP, int? topK, long? seed, string message)
    {
        var options = new ChatOptions { Temperature = temperature, TopP = topP, TopK = topK, Seed = seed };

        var error = Assert.Throws<ArgumentException>(() => Build(options, ClovaModelCatalog.Get(ClovaModels.Hcx005)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_above_the_models_maximum_is_rejected_naming_the_model_and_its_limit()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Build(new ChatOptions { MaxOutputTokens = 5000 }, ClovaModelCatalog.Get(ClovaModels.HcxDash002)));

        Assert.Contains("HCX-DASH-002's maximum of 4096", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HCX_007_accepts_up_to_32768_completion_tokens_and_no_more()
    {
        ClovaModelInfo model = ClovaModelCatalog.Get(ClovaModels.Hcx007);

        ClovaRequest ok = Build(new ChatOptions { MaxOutputTokens = 32768 }, model);
        var error = Assert.Throws<ArgumentException>(() => Build(new ChatOptions { MaxOutputTokens = 32769 }, model));

        Assert.Equal(32768L, ok.Values.Integer(ClovaParameters.MaxCompletionTokens));
        Assert.Contains("maxCompletionTokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_sequences_with_explicit_reasoning_on_HCX_007_are_refused_and_the_message_says_how_to_fix_it()
    {
        var options = new ChatOptions { StopSequences = ["\n"], Reasoning = new() { Effort = ReasoningEffort.Medium } };

        var error = Assert.Throws<ArgumentException>(() => Build(options, ClovaModelCatalog.Get(ClovaModels.Hcx007)));

        Assert.Contains("cannot be combined with reasoning on HCX-007", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReasoningEffort.None", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void maxTokens_smuggled_in_for_HCX_007_is_refused_because_it_takes_maxCompletionTokens()
    {
        var options = new ChatOptions { AdditionalProperties = new() { ["maxTokens"] = 100 } };

        var error = Assert.Throws<ArgumentException>(() => Build(options, ClovaModelCatalog.Get(ClovaModels.Hcx007)));

        Assert.Contains("HCX-007 does not accept maxTokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repetitionPenalty_outside_0_to_2_is_refused()
    {
        var options = new ChatOptions { AdditionalProperties = new() { ["repetitionPenalty"] = 2.5 } };

        var error = Assert.Throws<ArgumentException>(() => Build(options, ClovaModelCatalog.Get(ClovaModels.Hcx005)));

        Assert.Contains("repetitionPenalty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_additional_property_of_the_wrong_type_is_refused_naming_the_key()
    {
        var options = new ChatOptions { AdditionalProperties = new() { ["includeAiFilters"] = 3.5 } };

        var error = Assert.Throws<ArgumentException>(() => Build(options, ClovaModelCatalog.Get(ClovaModels.Hcx005)));

        Assert.Contains("AdditionalProperties[\"includeAiFilters\"] must be a boolean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_newer_than_the_catalog_is_passed_through_without_limits()
    {
        ClovaRequest request = Build(new ChatOptions { MaxOutputTokens = 100_000 }, ClovaModelCatalog.Get("HCX-999"));

        Assert.Equal(100_000L, request.Values.Integer(ClovaParameters.MaxTokens));
    }

    [Fact]
    public void Float_options_reach_the_wire_as_the_caller_wrote_them() =>
        Assert.Equal(0.8, ChatRequestMapper.ToClovaNumber(0.8f));

    /// <summary>A v3 chat request for one user turn, built and checked as the chat client does.</summary>
    private static ClovaRequest Build(ChatOptions options, ClovaModelInfo model) =>
        ClovaRequestBuilder.ForChat([new(ChatRole.User, "q")], options, model, ClovaDialect.V3Chat, raw: null);
}
