using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Clova.SemanticKernel;

/// <summary>
/// Semantic Kernel's <see cref="IChatHistoryReducer"/> over <see cref="ClovaChatReducer"/> (sliding-window API or
/// local token budget, tool pairs never split). Returns null when nothing was reduced, as SK's contract asks, and
/// otherwise the caller's own <see cref="ChatMessageContent"/> objects that were kept.
/// </summary>
public sealed class ClovaChatHistoryReducer : IChatHistoryReducer
{
    private readonly ClovaChatReducer _reducer;

    /// <summary>Initializes the adapter.</summary>
    /// <param name="reducer">The reducer, from <see cref="ClovaClient.GetSlidingWindowReducer"/>.</param>
    public ClovaChatHistoryReducer(ClovaChatReducer reducer) => _reducer = reducer ?? throw new ArgumentNullException(nameof(reducer));

    /// <inheritdoc />
    public async Task<IEnumerable<ChatMessageContent>?> ReduceAsync(IReadOnlyList<ChatMessageContent> chatHistory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chatHistory);
        var messages = new List<ChatMessage>(chatHistory.Count);
        var origin = new Dictionary<ChatMessage, ChatMessageContent>(ReferenceEqualityComparer.Instance);
        foreach (ChatMessageContent content in chatHistory)
        {
            ChatMessage message = content.ToChatMessage();
            messages.Add(message);
            origin[message] = content;
        }

        List<ChatMessage> kept = [.. await _reducer.ReduceAsync(messages, cancellationToken).ConfigureAwait(false)];
        return kept.Count == messages.Count ? null : kept.Select(m => origin[m]).ToList();
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ClovaChatHistoryReducer other && ReferenceEquals(other._reducer, _reducer);

    /// <inheritdoc />
    public override int GetHashCode() => _reducer.GetHashCode();
}
