using Microsoft.Extensions.AI;

namespace Clova.Reduction;

/// <summary>
/// Splits a history into turns: a turn starts at each user message (one that is not carrying function results)
/// and runs until the next, so an assistant's tool calls and the tool messages answering them always share a turn.
/// System messages belong to no turn. Pure.
/// </summary>
internal static class ChatTurns
{
    /// <summary>Returns, for each turn in order, the indices of its messages.</summary>
    public static List<List<int>> Group(IReadOnlyList<ChatMessage> messages)
    {
        var turns = new List<List<int>>();
        for (int i = 0; i < messages.Count; i++)
        {
            ChatMessage message = messages[i];
            if (message.Role == ChatRole.System)
            {
                continue;
            }

            bool startsTurn = message.Role == ChatRole.User && !message.Contents.Any(c => c is FunctionResultContent);
            if (startsTurn || turns.Count == 0)
            {
                turns.Add([]);
            }

            turns[^1].Add(i);
        }

        return turns;
    }
}
