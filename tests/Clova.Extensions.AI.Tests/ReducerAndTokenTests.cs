using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Token counting and chat-history reduction against the emulator's calculators and sliding window.</summary>
public sealed class ReducerAndTokenTests
{
    private static string Words(string word, int count) => string.Join(' ', Enumerable.Repeat(word, count));

    private static List<ChatMessage> History(int turns, int wordsPerMessage) =>
        [
            new(ChatRole.System, "Be brief."),
            .. Enumerable.Range(0, turns).SelectMany(i => new ChatMessage[]
            {
                new(ChatRole.User, $"q{i} " + Words("ask", wordsPerMessage)),
                new(ChatRole.Assistant, [new TextReasoningContent("thinking"), new TextContent($"a{i} " + Words("say", wordsPerMessage))]),
            }),
        ];

    [Fact]
    public async Task The_v3_counter_reports_each_message_the_merged_system_message_images_and_tools()
    {
        await using var session = await EmulatorSession.StartAsync();
        AIFunction tool = AIFunctionFactory.Create((string city) => city, "get_weather", "Weather");
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "sys one"),
            new(ChatRole.User, [new TextContent("look at this"), new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png")]),
            new(ChatRole.System, "sys two"),
            new(ChatRole.Assistant, "a picture"),
        ];

        ClovaTokenCount count = await session.Client.GetTokenCounter(ClovaModels.Hcx005).CountAsync(messages, new ChatOptions { Tools = [tool] });

        Assert.Equal("/v3/api-tools/chat-tokenize/HCX-005", session.Emulator.LastRequest!.Path);
        Assert.Equal(4, count.SystemCount); // "sys one\n\nsys two" = 4 tokens
        Assert.Equal([0, 3 + 100, 0, 2], count.MessageCounts); // "look at this" = 3 tokens + 100 for the image; "a picture" = 2
        Assert.True(count.ToolsCount > 0);
        Assert.Equal(count.SystemCount + count.MessageCounts.Sum() + count.ToolsCount, count.Total);
    }

    [Fact]
    public async Task Function_results_held_in_one_message_are_counted_back_onto_that_message()
    {
        await using var session = await EmulatorSession.StartAsync();
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "weather?"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "w", new Dictionary<string, object?> { ["city"] = "A" }), new FunctionCallContent("c2", "w", new Dictionary<string, object?> { ["city"] = "B" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "sunny day"), new FunctionResultContent("c2", "rain")]),
        ];

        ClovaTokenCount count = await session.Client.GetTokenCounter(ClovaModels.Hcx005).CountAsync(messages);

        Assert.Equal(2 + 1, count.MessageCounts[2]); // "sunny day" = 2 tokens, "rain" = 1
    }

    [Fact]
    public async Task The_v1_counter_and_the_embedding_tokenizer_use_their_own_routes()
    {
        await using var session = await EmulatorSession.StartAsync();
        ClovaTokenCounter counter = session.Client.GetTokenCounter(ClovaModels.Hcx003);

        ClovaTokenCount v1 = await counter.CountAsync([new ChatMessage(ChatRole.User, "hello big world")]);
        string v1Path = session.Emulator.LastRequest!.Path;
        int embedding = await counter.CountEmbeddingTokensAsync("임베딩 text");

        Assert.Equal("/v1/api-tools/chat-tokenize/HCX-003", v1Path);
        Assert.Equal([3], v1.MessageCounts);
        Assert.Equal("/v1/api-tools/embedding/v2/tokenize", session.Emulator.LastRequest!.Path);
        Assert.Equal(4, embedding); // "임베딩 text" = 4 tokens
    }

    [Fact]
    public async Task A_history_that_provably_fits_comes_back_as_is_without_any_request()
    {
        await using var session = await EmulatorSession.StartAsync();
        ClovaChatReducer reducer = session.Client.GetSlidingWindowReducer(ClovaModels.Hcx007, 2000);
        List<ChatMessage> history = History(turns: 5, wordsPerMessage: 10);

        IEnumerable<ChatMessage> reduced = await reducer.ReduceAsync(history);

        Assert.Same(history, reduced);
        Assert.Empty(session.Emulator.Requests);
        Assert.Equal(128_000 - 2000, reducer.TokenBudget);
    }

    [Fact]
    public async Task The_local_strategy_drops_the_oldest_turns_first_and_keeps_the_system_message()
    {
        await using var session = await EmulatorSession.StartAsync();
        List<ChatMessage> history = History(turns: 6, wordsPerMessage: 10);
        // Each message counts 11 tokens + 3 overhead = 14; a turn 28; the system message 3 + 3 = 6.
        ClovaChatReducer reducer = session.Client.GetSlidingWindowReducer(ClovaModels.Hcx007, 1000, new ClovaChatReducerOptions { TokenBudget = 6 + (3 * 28) });

        List<ChatMessage> reduced = [.. await reducer.ReduceAsync(history)];

        Assert.Equal("/v3/api-tools/chat-tokenize/HCX-007", Assert.Single(session.Emulator.Requests).Path);
        Assert.Equal(7, reduced.Count);
        Assert.Same(history[0], reduced[0]);
        Assert.Equal(history.Skip(7), reduced.Skip(1));
        Assert.StartsWith("q3 ", reduced[1].Text, StringComparison.Ordinal);
        Assert.Contains(reduced[2].Contents, c => c is TextReasoningContent);
    }

    [Fact]
    public async Task With_a_tiny_budget_only_the_system_message_and_the_newest_turn_remain()
    {
        await using var session = await EmulatorSession.StartAsync();
        List<ChatMessage> history = History(turns: 4, wordsPerMessage: 10);
        ClovaChatReducer reducer = session.Client.GetSlidingWindowReducer(ClovaModels.Hcx007, 1000, new ClovaChatReducerOptions { TokenBudget = 10 });

        List<ChatMessage> reduced = [.. await reducer.ReduceAsync(history)];

        Assert.Equal([history[0], history[7], history[8]], reduced);
    }

    [Fact]
    public async Task A_tool_call_is_never_separated_from_its_results()
    {
        await using var session = await EmulatorSession.StartAsync();
        List<ChatMessage> history =
        [
            new(ChatRole.System, "sys"),
            new(ChatRole.User, "old " + Words("x", 30)),
            new(ChatRole.Assistant, "old answer " + Words("y", 30)),
            new(ChatRole.User, "weather in Seoul"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "get_weather", new Dictionary<string, object?> { ["city"] = "Seoul" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", Words("sunny", 40))]),
            new(ChatRole.Assistant, "It is sunny."),
            new(ChatRole.User, "and tomorrow?"),
        ];
        // Costs (content tokens + 3 per message): system 4; old turn 34 + 35 = 69; tool turn 6 + 3 + 43 + 7 = 59;
        // newest turn 6. A budget of 60 cannot hold the tool turn whole, so it goes whole; 70 holds it.
        ClovaChatReducer reducer = session.Client.GetSlidingWindowReducer(ClovaModels.HcxDash002, 1024, new ClovaChatReducerOptions { TokenBudget = 60 });

        List<ChatMessage> reduced = [.. await reducer.ReduceAsync(history)];

        Assert.Equal([history[0], history[7]], reduced);
        ClovaChatReducer roomier = session.Client.GetSlidingWindowReducer(ClovaModels.HcxDash002, 1024, new ClovaChatReducerOptions { TokenBudget = 70 });
        List<ChatMessage> withTools = [.. await roomier.ReduceAsync(history)];
        Assert.Equal(history.Skip(3).Prepend(history[0]), withTools);
    }

    [Fact]
    public async Task A_history_with_an_image_is_always_counted_because_its_bytes_say_nothing_of_its_tokens()
    {
        await using var session = await EmulatorSession.StartAsync();
        List<ChatMessage> history = [new(ChatRole.User, [new TextContent("hi"), new UriContent("https://example.com/a.png", "image/png")])];
        ClovaChatReducer reducer = session.Client.GetSlidingWindowReducer(ClovaModels.Hcx005, 1000);

        IEnumerable<ChatMessage> reduced = await reducer.ReduceAsync(history);

        Assert.Same(history, reduced);
        Assert.Equal("/v3/api-tools/chat-tokenize/HCX-005", Assert.Single(session.Emulator.Requests).Path);
    }

    [Fact]
    public async Task A_plain_text_history_for_a_v1_model_goes_to_the_sliding_window_API_and_keeps_the_callers_objects()
    {
        await using var session = await EmulatorSession.StartAsync();
        List<ChatMessage> history = History(turns: 30, wordsPerMessage: 30);
        foreach (ChatMessage message in history)
        {
            message.Contents = [.. message.Contents.OfType<TextContent>()];
        }

        ClovaChatReducer reducer = session.Client.GetSlidingWindowReducer(ClovaModels.Hcx003, 3000);

        List<ChatMessage> reduced = [.. await reducer.ReduceAsync(history)];

        Assert.Equal("/v1/api-tools/sliding/chat-messages/HCX-003", Assert.Single(session.Emulator.Requests).Path);
        Assert.Same(history[0], reduced[0]);
        Assert.Equal(history.TakeLast(reduced.Count - 1), reduced.Skip(1));
        int tokens = 6 + (34 * (reduced.Count - 1)); // "Be brief." = 3 tokens + 3 for the turn; every "qN ask…" / "aN say…" message = 31 + 3
        Assert.InRange(tokens + 3000, 1, 4096);
        Assert.True(tokens + 3000 + 64 > 4096, "the sliding window should keep as much as fits");
    }

    [Fact]
    public async Task A_v1_model_history_the_sliding_API_cannot_express_is_trimmed_locally()
    {
        await using var session = await EmulatorSession.StartAsync();
        List<ChatMessage> history =
        [
            new(ChatRole.User, "old " + Words("x", 300)),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "f")]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "ok")]),
            new(ChatRole.User, "now"),
        ];
        ClovaChatReducer reducer = session.Client.GetSlidingWindowReducer(ClovaModels.Hcx003, 100, new ClovaChatReducerOptions { TokenBudget = 50 });

        List<ChatMessage> reduced = [.. await reducer.ReduceAsync(history)];

        Assert.Equal("/v3/api-tools/chat-tokenize/HCX-003", Assert.Single(session.Emulator.Requests).Path);
        Assert.Equal([history[3]], reduced);
    }

    [Fact]
    public async Task Forcing_the_sliding_window_on_a_history_with_tool_calls_is_refused_with_the_reason()
    {
        await using var session = await EmulatorSession.StartAsync();
        ClovaChatReducer reducer = session.Client.GetSlidingWindowReducer(ClovaModels.Hcx003, 100, new ClovaChatReducerOptions { Strategy = ClovaReductionStrategy.SlidingWindow });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reducer.ReduceAsync([new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c", "f")])]));

        Assert.Contains("only system, user and assistant text", error.Message, StringComparison.Ordinal);
        Assert.Empty(session.Emulator.Requests);
    }

    [Fact]
    public async Task The_sliding_window_reports_40003_when_even_the_system_message_does_not_fit()
    {
        await using var session = await EmulatorSession.StartAsync();
        ClovaChatReducer reducer = session.Client.GetSlidingWindowReducer(ClovaModels.Hcx003, 4000, new ClovaChatReducerOptions { Strategy = ClovaReductionStrategy.SlidingWindow });

        var error = await Assert.ThrowsAsync<ClovaException>(() => reducer.ReduceAsync([new ChatMessage(ChatRole.System, Words("rule", 200)), new ChatMessage(ChatRole.User, "q")]));

        Assert.Equal("40003", error.ErrorCode);
    }

    [Fact]
    public void A_planned_output_that_fills_the_context_window_is_refused()
    {
        using var client = new ClovaClient(EmulatorSession.Key);

        Assert.Throws<ArgumentOutOfRangeException>(() => client.GetSlidingWindowReducer(ClovaModels.HcxDash001, 4096));
        Assert.Throws<ArgumentException>(() => client.GetSlidingWindowReducer("HCX-UNKNOWN", 100));
        Assert.Equal(5000, client.GetSlidingWindowReducer("HCX-UNKNOWN", 100, new ClovaChatReducerOptions { TokenBudget = 5000 }).TokenBudget);
    }

    [Fact]
    public void Turns_start_at_user_messages_and_a_user_message_carrying_results_continues_the_turn()
    {
        List<ChatMessage> history =
        [
            new(ChatRole.System, "s"),
            new(ChatRole.Assistant, "greeting"),
            new(ChatRole.User, "q1"),
            new(ChatRole.Assistant, [new FunctionCallContent("c", "f")]),
            new(ChatRole.User, [new FunctionResultContent("c", "r")]),
            new(ChatRole.Assistant, "a1"),
            new(ChatRole.User, "q2"),
        ];

        List<List<int>> turns = Clova.Reduction.ChatTurns.Group(history);

        Assert.Equal([[1], [2, 3, 4, 5], [6]], turns);
    }
}
