using Microsoft.Extensions.AI;

namespace Clova.Tests.Infrastructure;

/// <summary>Reads a streamed reply into a list of its updates.</summary>
internal static class ChatUpdates
{
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
