using System.Globalization;
using Clova.Internal;
using Clova.Wire;

namespace Clova.Chat;

/// <summary>
/// The documented v3 rules, checked before sending so a mistake costs no request and no rate-limit budget.
/// Messages name the CLOVA field, the <c>ChatOptions</c> property behind it, the rule and the model.
/// </summary>
internal static class ChatRequestValidator
{
    private const int MaxImagesPerRequest = 5;

    private static readonly string[] Efforts = ["none", "low", "medium", "high"];

    public static void Validate(ClovaChatRequest request, ClovaModelInfo model)
    {
        Range("temperature", "ChatOptions.Temperature", request.Temperature, 0, 1, minInclusive: true);
        Range("topP", "ChatOptions.TopP", request.TopP, 0, 1, minInclusive: false);
        Range("repetitionPenalty", "ChatOptions.AdditionalProperties[\"repetitionPenalty\"]", request.RepetitionPenalty, 0, 2, minInclusive: false);
        if (request.TopK is < 0 or > 128)
        {
            throw Fail($"topK (ChatOptions.TopK) must be between 0 and 128; got {request.TopK}.");
        }

        if (request.Seed is < 0 or > uint.MaxValue)
        {
            throw Fail($"seed (ChatOptions.Seed) must be between 0 and 4294967295 (0 lets CLOVA choose); got {request.Seed}.");
        }

        if (request.Stop is not null && request.Stop.Any(string.IsNullOrEmpty))
        {
            throw Fail("stop (ChatOptions.StopSequences) must not contain an empty string.");
        }

        ValidateThinking(request, model);
        ValidateOutputLimit(request, model);
        ValidateTools(request, model);
        ValidateResponseFormat(request, model);
        ValidateImages(request, model);
    }

    private static void ValidateTools(ClovaChatRequest request, ClovaModelInfo model)
    {
        if (request.Tools is not { } tools)
        {
            return;
        }

        if (model.IsKnown && !model.SupportsTools)
        {
            throw Fail($"{model.Name} does not support function calling (ChatOptions.Tools); use HCX-005, HCX-DASH-002 or HCX-007.");
        }

        if (request.Thinking is { Effort: not "none" })
        {
            throw Fail($"ChatOptions.Tools cannot be combined with reasoning on {model.Name}: CLOVA calls functions only with thinking off. Leave ChatOptions.Reasoning unset (the connector then turns thinking off) or set its Effort to ReasoningEffort.None.");
        }

        if ((request.MaxCompletionTokens ?? request.MaxTokens) is < ChatRequestMapper.MinOutputTokensWithTools and int limit)
        {
            throw Fail($"ChatOptions.MaxOutputTokens is {limit}, but CLOVA requires at least {ChatRequestMapper.MinOutputTokensWithTools} when tools are sent (unset, it defaults to {ChatRequestMapper.MinOutputTokensWithTools}).");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ClovaTool tool in tools)
        {
            if (string.IsNullOrWhiteSpace(tool.Function.Name) || !names.Add(tool.Function.Name))
            {
                throw Fail($"ChatOptions.Tools must have distinct, non-empty function names; '{tool.Function.Name}' is empty or repeated.");
            }
        }

        if (request.ToolChoice?.FunctionName is { } forced && !names.Contains(forced))
        {
            throw Fail($"ChatOptions.ToolMode requires function '{forced}', which is not among ChatOptions.Tools ({string.Join(", ", names)}).");
        }
    }

    private static void ValidateResponseFormat(ClovaChatRequest request, ClovaModelInfo model)
    {
        if (request.ResponseFormat is null)
        {
            return;
        }

        if (model.IsKnown && !model.SupportsStructuredOutputs)
        {
            throw Fail($"{model.Name} does not support structured outputs (ChatOptions.ResponseFormat with a schema); use {ClovaModels.Hcx007}.");
        }

        if (request.Thinking is { Effort: not "none" })
        {
            throw Fail($"ChatOptions.ResponseFormat cannot be combined with reasoning on {model.Name}: CLOVA produces structured outputs only with thinking off. Leave ChatOptions.Reasoning unset or set its Effort to ReasoningEffort.None.");
        }

        if (request.Tools is not null)
        {
            throw Fail("ChatOptions.ResponseFormat (structured outputs) cannot be combined with ChatOptions.Tools in one CLOVA request.");
        }
    }

    private static void ValidateImages(ClovaChatRequest request, ClovaModelInfo model)
    {
        int total = 0;
        for (int i = 0; i < request.Messages.Count; i++)
        {
            int inTurn = request.Messages[i].Content.Parts?.Count(p => p.Type == ClovaContentPart.ImageType) ?? 0;
            if (inTurn > 1)
            {
                throw Fail($"CLOVA accepts one image per user turn; message {i} (after system messages are merged) has {inTurn}. Split them over several user messages.");
            }

            total += inTurn;
        }

        if (total == 0)
        {
            return;
        }

        if (model.IsKnown && !model.SupportsImages)
        {
            throw Fail($"{model.Name} does not accept images; use {ClovaModels.Hcx005}.");
        }

        if (total > MaxImagesPerRequest)
        {
            throw Fail($"CLOVA accepts at most {MaxImagesPerRequest} images per request; this conversation has {total}. Drop older images from the history.");
        }

        if (request.Tools is not null)
        {
            throw Fail("Images cannot be combined with ChatOptions.Tools in one CLOVA request.");
        }
    }

    private static void ValidateThinking(ClovaChatRequest request, ClovaModelInfo model)
    {
        if (request.Thinking is not { } thinking)
        {
            return;
        }

        if (model.IsKnown && !model.SupportsThinking)
        {
            throw Fail($"thinking is supported only by {ClovaModels.Hcx007}, not by {model.Name}; remove it from ChatOptions.AdditionalProperties.");
        }

        if (thinking.Effort is null || !Efforts.Contains(thinking.Effort))
        {
            throw Fail($"thinking.effort must be none, low, medium or high; got '{thinking.Effort}'.");
        }

        if (thinking.Effort != "none" && request.Stop is { Count: > 0 })
        {
            throw Fail($"stop (ChatOptions.StopSequences) cannot be combined with reasoning on {model.Name}: CLOVA rejects 'stop' while thinking is on. Set ChatOptions.Reasoning.Effort to ReasoningEffort.None, or remove the stop sequences.");
        }
    }

    private static void ValidateOutputLimit(ClovaChatRequest request, ClovaModelInfo model)
    {
        if (request.MaxTokens is not null && request.MaxCompletionTokens is not null)
        {
            throw Fail("maxTokens and maxCompletionTokens cannot both be sent; use ChatOptions.MaxOutputTokens and let the connector pick the field for the model.");
        }

        if (model.IsKnown && model.UsesMaxCompletionTokens && request.MaxTokens is not null)
        {
            throw Fail($"{model.Name} does not accept maxTokens; its output limit is maxCompletionTokens (set ChatOptions.MaxOutputTokens).");
        }

        if (model.IsKnown && !model.UsesMaxCompletionTokens && request.MaxCompletionTokens is not null)
        {
            throw Fail($"{model.Name} does not accept maxCompletionTokens; its output limit is maxTokens (set ChatOptions.MaxOutputTokens).");
        }

        int? limit = request.MaxCompletionTokens ?? request.MaxTokens;
        string field = request.MaxCompletionTokens is not null ? "maxCompletionTokens" : "maxTokens";
        if (limit is < 1)
        {
            throw Fail($"{field} (ChatOptions.MaxOutputTokens) must be at least 1; got {limit}.");
        }

        if (limit > model.MaxOutputTokens)
        {
            throw Fail($"{field} (ChatOptions.MaxOutputTokens) is {limit}, above {model.Name}'s maximum of {model.MaxOutputTokens}.");
        }
    }

    private static void Range(string field, string option, double? value, double min, double max, bool minInclusive)
    {
        if (value is not double v)
        {
            return;
        }

        bool ok = !double.IsNaN(v) && (minInclusive ? v >= min : v > min) && v <= max;
        if (!ok)
        {
            string lower = minInclusive ? $"between {min} and {max}" : $"greater than {min} and at most {max}";
            throw Fail($"{field} ({option}) must be {lower}; got {v.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static ArgumentException Fail(string message) => new(message, "options");
}
