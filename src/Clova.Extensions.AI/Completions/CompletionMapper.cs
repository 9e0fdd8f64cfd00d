using System.Globalization;
using Clova.Chat;
using Clova.Wire;

namespace Clova.Completions;

/// <summary>Pure mapping between the public LK types and the wire, with the documented ranges checked.</summary>
internal static class CompletionMapper
{
    public const int MaxTotalTokens = 2048;

    public static ClovaLkRequest ToClovaLkRequest(ClovaCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Text))
        {
            throw new ArgumentException("ClovaCompletionRequest.Text is required and must not be empty (CLOVA answers 40004).", nameof(request));
        }

        Range("Temperature", request.Temperature, 1);
        Range("TopP", request.TopP, 1);
        Range("RepeatPenalty", request.RepeatPenalty, 10);
        if (request.TopK is < 0 or > 128)
        {
            throw new ArgumentException($"ClovaCompletionRequest.TopK must be between 0 and 128; got {request.TopK}.", nameof(request));
        }

        // Prompt tokens plus maxTokens must stay within 2048; only the service can count the prompt, but a limit
        // that alone reaches 2048 can never fit.
        if (request.MaxTokens is < 1 or >= MaxTotalTokens)
        {
            throw new ArgumentException($"ClovaCompletionRequest.MaxTokens must be at least 1 and below {MaxTotalTokens} (prompt tokens plus MaxTokens may not exceed {MaxTotalTokens}); got {request.MaxTokens}.", nameof(request));
        }

        if (request.StopBefore is not null && request.StopBefore.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("ClovaCompletionRequest.StopBefore must not contain an empty string.", nameof(request));
        }

        return new ClovaLkRequest
        {
            Text = request.Text,
            Start = request.Start,
            Restart = request.Restart,
            StopBefore = request.StopBefore is null ? null : [.. request.StopBefore],
            MaxTokens = request.MaxTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            TopK = request.TopK,
            RepeatPenalty = request.RepeatPenalty,
            IncludeTokens = request.IncludeTokens,
            IncludeAiFilters = request.IncludeAiFilters,
            IncludeProbs = request.IncludeProbs,
        };
    }

    public static ClovaCompletionResult FromClovaLkResult(ClovaLkResult result, string requestId) => new()
    {
        Text = result.Text ?? "",
        OutputText = result.OutputText ?? "",
        InputText = result.InputText,
        StopReason = result.StopReason,
        FinishReason = ChatResponseMapper.FromClovaFinishReason(result.StopReason),
        InputLength = result.InputLength,
        OutputLength = result.OutputLength,
        StartLength = result.StartLength,
        InputTokens = result.InputTokens ?? [],
        OutputTokens = result.OutputTokens ?? [],
        Probs = result.Probs ?? [],
        Ok = result.Ok,
        AiFilter = ChatResponseMapper.FromClovaAiFilters(result.AiFilter),
        RequestId = requestId,
    };

    private static void Range(string name, double? value, double max)
    {
        if (value is double v && (double.IsNaN(v) || v <= 0 || v > max))
        {
            throw new ArgumentException($"ClovaCompletionRequest.{name} must be greater than 0 and at most {max.ToString(CultureInfo.InvariantCulture)}; got {v.ToString(CultureInfo.InvariantCulture)}.", "request");
        }
    }
}
