using Microsoft.Extensions.AI;

namespace Clova.Tests.Infrastructure;

/// <summary>Streamed replies in tests: the list of their updates, and one reply asked for streamed or whole.</summary>
internal static class ChatUpdates
{
    /// <summary>
    /// Gets a reply whole, or streamed and rebuilt with <c>ToChatResponseAsync</c>, so one theory covers both paths.
    /// </summary>
    /// <param name="chat">The chat client.</param>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The options, if any.</param>
    /// <param name="streaming">Whether to stream.</param>
    /// <returns>The reply.</returns>
    public static Task<ChatResponse> ReplyAsync(this IChatClient chat, IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming) =>
        streaming ? chat.GetStreamingResponseAsync(messages, options).ToChatResponseAsync() : chat.GetResponseAsync(messages, options);

    /// <summary>Reads every update of <paramref name="updates"/>, adding each to <paramref name="received"/> as it arrives.</summary>
    /// <param name="updates">The stream.</param>
    /// <param name="received">
    /// Where to put the updates; pass a list of your own to keep what arrived before the stream failed.
    /// </param>
    /// <returns>The updates, in order.</returns>
    public static async Task<List<ChatResponseUpdate>> CollectAsync(this IAsyncEnumerable<ChatResponseUpdate> updates, List<ChatResponseUpdate>? received = null)
    {
        received ??= [];
        await foreach (ChatResponseUpdate update in updates)
        {
            received.Add(update);
        }

        return received;
    }
}
