using System.Text.Json;
using Clova;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

/// <summary>The C# blocks of docs/, each between region markers, with what they assume declared around them.</summary>
internal static class DocSnippets
{
    public static async Task ChatStreamingAsync()
    {
        #region chat-streaming
        // using Clova; using Microsoft.Extensions.AI;
        // CLOVASTUDIO_API_KEY (or CLOVA_API_KEY) and, for the emulator, CLOVA_ENDPOINT=http://127.0.0.1:5080/
        using var clova = new ClovaClient(ClovaClientOptions.FromEnvironment());
        IChatClient chat = clova.GetChatClient(ClovaModels.Hcx007);

        var options = new ChatOptions
        {
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Medium },
            MaxOutputTokens = 4096,                                    // → maxCompletionTokens on HCX-007
            AdditionalProperties = new() { ["includeAiFilters"] = true },
        };

        await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("부분집합의 수를 설명해 줘", options))
        {
            foreach (AIContent content in update.Contents)
            {
                if (content is TextReasoningContent thinking) Console.Write($"[{thinking.Text}]");
                else if (content is TextContent text) Console.Write(text.Text);
                else if (content is UsageContent usage) Console.WriteLine($"\n{usage.Details.TotalTokenCount} tokens, {usage.Details.ReasoningTokenCount} reasoning");
            }
        }
        #endregion
    }

    public static async Task<ChatResponse> ToolLoopAsync(IChatClient chat)
    {
        #region chat-tool-loop
        AIFunction weather = AIFunctionFactory.Create((string city) => $"{city}: 맑음", "get_weather", "Gets the weather for a city");
        var options = new ChatOptions { Tools = [weather] };
        List<ChatMessage> history = [new(ChatRole.User, "서울 날씨 어때?")];

        ChatResponse first = await chat.GetResponseAsync(history, options);           // FinishReason = ToolCalls
        history.AddRange(first.Messages);                                              // the assistant message with the calls
        var results = new List<AIContent>();
        foreach (FunctionCallContent call in first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
            results.Add(new FunctionResultContent(call.CallId, await weather.InvokeAsync(new(call.Arguments))));
        history.Add(new ChatMessage(ChatRole.Tool, results));                          // one tool message with every result
        ChatResponse answer = await chat.GetResponseAsync(history, options);
        #endregion
        return answer;
    }

    public static async Task<Forecast> StructuredAsync(IChatClient chat)
    {
        #region chat-structured
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ChatResponse reply = await chat.GetResponseAsync("서울 날씨", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema<Forecast>(json) });
        Forecast forecast = JsonSerializer.Deserialize<Forecast>(reply.Text, json)!;   // what GetResponseAsync<T>() does
        #endregion
        return forecast;
    }

    public static ChatMessage Image(byte[] bytes)
    {
        #region chat-image
        var message = new ChatMessage(ChatRole.User, [new TextContent("이 사진을 설명해 줘"), new DataContent(bytes, "image/png")]);
        // or new UriContent("https://…/cat.jpg", "image/jpeg")
        #endregion
        return message;
    }

    public static async Task LegacyAsync(ClovaClient clova)
    {
        #region chat-legacy
        IChatClient hcx003 = clova.GetChatClient(ClovaModels.Hcx003);                          // → /v1/chat-completions/HCX-003
        IChatClient pinned = clova.GetChatClient(ClovaModels.Hcx003, ClovaApiVersion.V3);      // → /v3/chat-completions/HCX-003
        IChatClient tuned  = clova.GetTaskChatClient("my-task-id", ClovaApiVersion.V1);        // → /v1/tasks/my-task-id/chat-completions
        ClovaCompletionResult lk = await clova.GetCompletionClient("LK-D2").CompleteAsync(new ClovaCompletionRequest
        {
            Text = "Korean: 사과\nEnglish: Apple\nKorean: 바나나", Start = "\nEnglish: ", StopBefore = ["\nKorean: "],
        });
        #endregion
        GC.KeepAlive((hcx003, pinned, tuned, lk));
    }

    public static async Task EmbeddingsAsync(ClovaClient clova)
    {
        #region embeddings
        IEmbeddingGenerator<string, Embedding<float>> embedder = clova.GetEmbeddingGenerator(ClovaModels.BgeM3);
        GeneratedEmbeddings<Embedding<float>> vectors = await embedder.GenerateAsync(["반품 기간은 며칠인가요?", "환불은 언제 되나요?"]);
        #endregion
        GC.KeepAlive(vectors);
    }

    public static async Task ToolsAsync(ClovaClient clova, string document, string report, List<ChatMessage> history, string question)
    {
        #region rag-tools
        // Segmentation: topical paragraphs (each a list of sentences) and their sentence-index spans. Up to 120,000 characters.
        ClovaSegmentation parts = await clova.GetSegmenter().SegmentAsync(document, new() { Alpha = -100 });

        // Summarization: up to 35,000 characters in total.
        ClovaSummary summary = await clova.GetSummarizer().SummarizeAsync(report);

        // The "reranker" reads the documents and answers citing the ones it used. It returns no scores and no ranking,
        // so the method is named for what it does; SuggestedQueries is filled when nothing answered the query.
        ClovaCitedAnswer answer = await clova.GetReranker().AnswerWithCitationsAsync("환불은 언제 되나요?",
            [new("faq-7", "환불은 승인 후 3영업일 안에 처리됩니다."), new("faq-9", "배송비는 주문 금액에 따라 다릅니다.")]);
        Console.WriteLine(answer.Answer);                    // 답변: <doc1>승인 후 3영업일 안에</doc1> 환불됩니다.
        Console.WriteLine(answer.CitedDocuments[0].Id);      // faq-7 (your id, in citation order)

        // A router built in the console: domain, blocked content, safety. Only user turns of the history are sent.
        ClovaRoute route = await clova.GetRouter("my-router-id", version: 1).RouteAsync("환불해 주세요", history);

        // RAG reasoning is a chat call with a required search tool: an IChatClient that any tool loop drives.
        IChatClient rag = clova.GetRagReasoningClient();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(SearchHelpCentre, "search", "Searches the help centre")] };
        ChatResponse first = await rag.GetResponseAsync(question, options);  // a FunctionCallContent for "search"
        // …run the tool, append its FunctionResultContent ({"search_result":[{"id":"doc-179","doc":"…"}]}), call again:
        // the answer cites <doc-179>…</doc-179> in its text, and the ids are in AdditionalProperties["citedIds"].
        #endregion
        GC.KeepAlive((parts, summary, route, first));
    }

    public static void Hosting(HostApplicationBuilder builder)
    {
        #region hosting
        builder.Services.AddClovaClient(builder.Configuration.GetSection("Clova"))   // or AddClovaClient(o => …)
            .AddChatClient(ClovaModels.Hcx007)                                      // IChatClient (pass a key for keyed)
            .AddEmbeddingGenerator(ClovaModels.BgeM3);                              // IEmbeddingGenerator<string, Embedding<float>>
        builder.Services.AddKeyedClovaClient("team-b", builder.Configuration.GetSection("ClovaTeamB"));
        #endregion
    }

    public static async Task ReductionAsync(ClovaClient clova, List<ChatMessage> history, ChatOptions options)
    {
        #region reduction
        ClovaChatReducer reducer = clova.GetSlidingWindowReducer(ClovaModels.Hcx007, maxTokens: 4096);
        IEnumerable<ChatMessage> toSend = await reducer.ReduceAsync(history);          // or .UseChatReducer(reducer) in a pipeline

        ClovaTokenCount count = await clova.GetTokenCounter(ClovaModels.Hcx005).CountAsync(history, options);
        int embeddingTokens = await clova.GetTokenCounter(ClovaModels.Hcx005).CountEmbeddingTokensAsync("텍스트");
        #endregion
        GC.KeepAlive((toSend, count, embeddingTokens));
    }

    private static string SearchHelpCentre(string query) => """{"search_result":[]}""";
}

/// <summary>The structured-output type of the chat snippet.</summary>
internal sealed record Forecast(string City, int HighCelsius, bool Rain);
