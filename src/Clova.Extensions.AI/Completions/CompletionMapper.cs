using Clova.Chat;
using Clova.Wire;

namespace Clova.Completions;

/// <summary>Pure mapping of an LK result to the public type (the request side is a row set of <see cref="Requests.ClovaParameters"/>).</summary>
internal static class CompletionMapper
{
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
}
