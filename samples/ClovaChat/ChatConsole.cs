using Clova;
using Microsoft.Extensions.AI;

/// <summary>Prints one streamed turn: reasoning set apart, then the answer, then usage.</summary>
internal static class ChatConsole
{
    /// <summary>Streams the reply to <paramref name="question"/>; returns false when the service refused it.</summary>
    public static async Task<bool> AskAsync(IChatClient chat, List<ChatMessage> history, ChatOptions options, string question, CancellationToken cancellationToken)
    {
        history.Add(new ChatMessage(ChatRole.User, question));
        var updates = new List<ChatResponseUpdate>();
        bool inReasoning = false;
        try
        {
            await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync(history, options, cancellationToken))
            {
                updates.Add(update);
                foreach (AIContent content in update.Contents)
                {
                    switch (content)
                    {
                        case TextReasoningContent reasoning:
                            if (!inReasoning)
                            {
                                Console.ForegroundColor = ConsoleColor.DarkGray;
                                Console.Write("[reasoning] ");
                                inReasoning = true;
                            }

                            Console.Write(reasoning.Text);
                            break;
                        case TextContent text when text.Text.Length > 0:
                            if (inReasoning)
                            {
                                Console.ResetColor();
                                Console.WriteLine();
                                inReasoning = false;
                            }

                            Console.Write(text.Text);
                            break;
                        case UsageContent usage:
                            Console.ResetColor();
                            Console.WriteLine();
                            SampleConnection.Note($"[usage] input {usage.Details.InputTokenCount}, output {usage.Details.OutputTokenCount} (reasoning {usage.Details.ReasoningTokenCount ?? 0}), total {usage.Details.TotalTokenCount}");
                            break;
                    }
                }
            }
        }
        catch (ClovaException e)
        {
            Console.ResetColor();
            Console.Error.WriteLine($"\nCLOVA refused the request: {e.Message}");
            history.RemoveAt(history.Count - 1);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.ResetColor();
            SampleConnection.Note("\n(cancelled)");
        }

        Console.ResetColor();
        // The connector never sends reasoning back, so the whole rebuilt message can go into the history.
        history.AddRange(updates.ToChatResponse().Messages);
        return true;
    }
}
