using System.ComponentModel;
using System.Text.Json;
using Clova.Emulator;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.TextGeneration;

namespace Clova.SemanticKernel.Tests;

/// <summary>The Semantic Kernel connector against the emulator over real HTTP.</summary>
public sealed class SemanticKernelTests : IAsyncLifetime
{
    private ClovaEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await ClovaEmulator.StartAsync();

    public Task DisposeAsync() => _emulator.DisposeAsync().AsTask();

    private ClovaClientOptions Options => new() { Endpoint = _emulator.BaseUri, ApiKey = "nv-sk-test" };

    private Kernel BuildKernel(string model = ClovaModels.Hcx007) =>
        Kernel.CreateBuilder().AddClovaChatCompletion(model, Options).Build();

    [Fact]
    public async Task A_kernel_with_the_service_answers_a_prompt_function()
    {
        Kernel kernel = BuildKernel();

        FunctionResult result = await kernel.InvokePromptAsync("부분집합의 수를 설명해 줘");

        Assert.Equal("«부분집합의 수를 설명해 줘»에 대한 답변입니다. (에뮬레이터, 사용자 메시지 1개)", result.ToString());
        Assert.Equal("/v3/chat-completions/HCX-007", _emulator.LastRequest!.Path);
    }

    [Fact]
    public async Task Non_streaming_replies_carry_reasoning_first_and_CLOVA_metadata()
    {
        var service = new ClovaChatCompletionService(new ClovaClient(Options), ClovaModels.Hcx007);
        var history = new ChatHistory("간결하게");
        history.AddUserMessage("hi");

        ChatMessageContent reply = (await service.GetChatMessageContentsAsync(history, new ClovaPromptExecutionSettings { IncludeAiFilters = true, Seed = 9 }))[0];

        Assert.IsType<ReasoningContent>(reply.Items[0]);
        Assert.IsType<Microsoft.SemanticKernel.TextContent>(reply.Items[1]);
        Assert.Equal(AuthorRole.Assistant, reply.Role);
        Assert.Equal(ClovaModels.Hcx007, reply.ModelId);
        Assert.Equal("stop", reply.Metadata![ClovaMetadataKeys.FinishReason]);
        Assert.True(((UsageDetails)reply.Metadata[ClovaMetadataKeys.Usage]!).ReasoningTokenCount > 0);
        Assert.Equal(9L, reply.Metadata[ClovaMetadataKeys.Seed]);
        Assert.Equal(3, ((IReadOnlyList<ClovaAiFilterResult>)reply.Metadata[ClovaMetadataKeys.AiFilter]!).Count);
        Assert.Equal(ClovaModels.Hcx007, service.Attributes["ModelId"]);
        Assert.Equal(_emulator.BaseUri.ToString(), service.Attributes["Endpoint"]);
    }

    [Fact]
    public async Task Streaming_yields_reasoning_then_text_and_ends_with_the_finish_reason_and_usage()
    {
        var service = new ClovaChatCompletionService(new ClovaClient(Options), ClovaModels.Hcx007);
        var history = new ChatHistory();
        history.AddUserMessage("hi");

        List<StreamingChatMessageContent> chunks = [];
        await foreach (StreamingChatMessageContent chunk in service.GetStreamingChatMessageContentsAsync(history))
        {
            chunks.Add(chunk);
        }

        var items = chunks.SelectMany(c => c.Items).ToList();
        int lastReasoning = items.FindLastIndex(i => i is StreamingReasoningContent);
        int firstText = items.FindIndex(i => i is StreamingTextContent);
        Assert.True(lastReasoning >= 0 && firstText > lastReasoning);
        Assert.Equal("«hi»에 대한 답변입니다. (에뮬레이터, 사용자 메시지 1개)", string.Concat(items.OfType<StreamingTextContent>().Select(t => t.Text)));
        Assert.Equal("stop", chunks[^1].Metadata![ClovaMetadataKeys.FinishReason]);
        Assert.Single(chunks, c => c.Metadata?.ContainsKey(ClovaMetadataKeys.Usage) == true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Automatic_function_calling_runs_a_kernel_function_and_returns_the_final_answer(bool streaming)
    {
        Kernel kernel = BuildKernel(ClovaModels.Hcx005);
        kernel.Plugins.AddFromType<WeatherPlugin>("weather");
        var settings = new ClovaPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        var service = kernel.GetRequiredService<IChatCompletionService>();
        var history = new ChatHistory();
        history.AddUserMessage("weather in Seoul");

        string answer = streaming
            ? string.Concat((await service.GetStreamingChatMessageContentsAsync(history, settings, kernel).ToListAsync()).Select(c => c.Content))
            : (await service.GetChatMessageContentsAsync(history, settings, kernel))[0].Content!;

        Assert.Equal("도구 결과를 받았습니다: Seoul: 맑음", answer);
        Assert.Equal(2, _emulator.Requests.Count);
        Assert.Contains(history, m => m.Items.OfType<Microsoft.SemanticKernel.FunctionCallContent>().Any());
        Assert.Contains(history, m => m.Items.OfType<Microsoft.SemanticKernel.FunctionResultContent>().Any(r => Equals(r.Result?.ToString(), "Seoul: 맑음")));
    }

    [Fact]
    public async Task The_history_reducer_trims_a_ChatHistory_and_returns_null_when_nothing_is_trimmed()
    {
        var clova = new ClovaClient(Options);
        var reducer = new ClovaChatHistoryReducer(clova.GetSlidingWindowReducer(ClovaModels.Hcx007, 1000, new ClovaChatReducerOptions { TokenBudget = 40 }));
        var history = new ChatHistory("sys");
        for (int i = 0; i < 5; i++)
        {
            history.AddUserMessage($"question {i} " + string.Join(' ', Enumerable.Repeat("word", 8)));
            history.AddAssistantMessage($"answer {i}");
        }

        IEnumerable<ChatMessageContent>? reduced = await reducer.ReduceAsync(history);
        IEnumerable<ChatMessageContent>? again = await new ClovaChatHistoryReducer(clova.GetSlidingWindowReducer(ClovaModels.Hcx007, 1000)).ReduceAsync(history);

        var kept = reduced!.ToList();
        Assert.Same(history[0], kept[0]);
        Assert.True(kept.Count < history.Count);
        Assert.Same(history[^1], kept[^1]);
        Assert.Null(again);
    }

    [Fact]
    public async Task ChatHistory_ReduceAsync_replaces_the_history_with_the_reduced_one()
    {
        var clova = new ClovaClient(Options);
        var reducer = new ClovaChatHistoryReducer(clova.GetSlidingWindowReducer(ClovaModels.Hcx007, 1000, new ClovaChatReducerOptions { TokenBudget = 30 }));
        var history = new ChatHistory("sys");
        for (int i = 0; i < 4; i++)
        {
            history.AddUserMessage($"question {i} " + string.Join(' ', Enumerable.Repeat("word", 8)));
            history.AddAssistantMessage($"answer {i}");
        }

        int before = history.Count;
        ChatHistory reduced = await history.ReduceAsync(reducer, CancellationToken.None);

        Assert.True(reduced.Count < before);
        Assert.Equal(AuthorRole.System, reduced[0].Role);
        Assert.Equal("answer 3", reduced[^1].Content);
    }

    [Fact]
    public void Settings_written_for_other_connectors_are_understood_through_JSON_and_round_trip()
    {
        PromptExecutionSettings generic = JsonSerializer.Deserialize<PromptExecutionSettings>(
            """{"max_tokens": 300, "temperature": 0.3, "top_p": "0.9", "top_k": 5, "reasoning_effort": "medium", "stop_sequences": ["###"], "include_ai_filters": true, "seed": 7}""")!;

        ClovaPromptExecutionSettings clova = ClovaPromptExecutionSettings.FromExecutionSettings(generic);
        ClovaPromptExecutionSettings roundTripped = JsonSerializer.Deserialize<ClovaPromptExecutionSettings>(JsonSerializer.Serialize(clova))!;

        Assert.Equal((300, 0.3, 0.9, 5, "medium", 7L, true), (clova.MaxTokens!.Value, clova.Temperature!.Value, clova.TopP!.Value, clova.TopK!.Value, clova.ReasoningEffort, clova.Seed!.Value, clova.IncludeAiFilters!.Value));
        Assert.Equal(["###"], clova.StopSequences!);
        Assert.Equal(clova.MaxTokens, roundTripped.MaxTokens);
        Assert.Equal(clova.ReasoningEffort, roundTripped.ReasoningEffort);
    }

    [Fact]
    public void Frozen_settings_refuse_changes_and_clones_are_independent()
    {
        var settings = new ClovaPromptExecutionSettings { MaxTokens = 10, StopSequences = ["a"] };
        var clone = (ClovaPromptExecutionSettings)settings.Clone();

        settings.Freeze();

        Assert.Throws<InvalidOperationException>(() => settings.MaxTokens = 20);
        clone.MaxTokens = 20;
        Assert.Equal(10, settings.MaxTokens);
        Assert.Equal(20, clone.MaxTokens);
    }

    [Fact]
    public async Task Registrations_are_keyed_by_service_id_and_text_generation_uses_LK()
    {
        var services = new ServiceCollection();
        services.AddClovaChatCompletion(ClovaModels.HcxDash002, Options, "clova-dash");
        services.AddClovaTextGeneration("LK-D2", Options, "clova-lk");
        using ServiceProvider provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredKeyedService<IChatCompletionService>("clova-dash");
        var text = provider.GetRequiredKeyedService<ITextGenerationService>("clova-lk");
        IReadOnlyList<Microsoft.SemanticKernel.TextContent> completion = await text.GetTextContentsAsync("Korean: 바나나");

        Assert.Equal(ClovaModels.HcxDash002, chat.Attributes["ModelId"]);
        Assert.Equal("Korean: 바나나 다음에 이어지는 문장입니다.", completion[0].Text);
        Assert.Equal("/v1/completions/LK-D2", _emulator.LastRequest!.Path);
    }

    [Fact]
    public async Task A_kernel_resolves_the_embedding_generator_that_vector_stores_consume_keyed_by_service_id()
    {
        Kernel kernel = Kernel.CreateBuilder()
            .AddClovaEmbeddingGenerator(ClovaModels.BgeM3, Options)
            .AddClovaEmbeddingGenerator(ClovaModels.ClirStsDolphin, Options, "sts")
            .Build();

        var generator = kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var sts = kernel.Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("sts");
        Embedding<float> vector = await generator.GenerateAsync("환불은 언제 되나요?");
        await sts.GenerateAsync("환불은 언제 되나요?");

        Assert.Equal(1024, vector.Vector.Length);
        Assert.Equal("bge-m3", generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        Assert.Equal("/v1/api-tools/embedding/clir-sts-dolphin", _emulator.LastRequest!.Path);
    }

    [Fact]
    public void Disposing_the_container_disposes_the_client_it_made_for_the_generator()
    {
        var services = new ServiceCollection();
        services.AddClovaEmbeddingGenerator(ClovaModels.BgeM3, Options);
        IEmbeddingGenerator<string, Embedding<float>> generator;
        using (ServiceProvider provider = services.BuildServiceProvider())
        {
            generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            Assert.NotNull(generator.GetService<ClovaClient>());
        }

        Assert.ThrowsAny<ObjectDisposedException>(() => generator.GenerateAsync(["a"]).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task The_RAG_reasoning_loop_runs_under_Semantic_Kernels_auto_invocation_and_cites_the_search_results()
    {
        using var clova = new ClovaClient(Options);
        var builder = Kernel.CreateBuilder();
        // Semantic Kernel's own pattern for an IChatClient: kernel function invocation in the pipeline.
        builder.Services.AddSingleton<IChatCompletionService>(clova.GetRagReasoningClient().AsBuilder().UseKernelFunctionInvocation().Build().AsChatCompletionService());
        builder.Plugins.AddFromType<HelpCentrePlugin>("help");
        Kernel kernel = builder.Build();
        var history = new ChatHistory();
        history.AddUserMessage("환불은 언제 되나요?");

        IReadOnlyList<ChatMessageContent> answer = await kernel.GetRequiredService<IChatCompletionService>()
            .GetChatMessageContentsAsync(history, new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }, kernel);

        Assert.Equal("답변: <doc-179>환불은 3영업일 안에 처리됩니다.</doc-179>", answer[0].Content);
        Assert.Equal(2, _emulator.Requests.Count);
        Assert.All(_emulator.Requests, r => Assert.Equal("/v1/api-tools/rag-reasoning", r.Path));
    }

    [Fact]
    public async Task The_RAG_reasoning_loop_runs_under_Microsoft_Extensions_AIs_FunctionInvokingChatClient()
    {
        using var clova = new ClovaClient(Options);
        IChatClient rag = clova.GetRagReasoningClient().AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(new HelpCentrePlugin().Search, "search", "Searches the help centre")] };

        ChatResponse response = await rag.GetResponseAsync("환불은 언제 되나요?", options);

        Assert.Equal("답변: <doc-179>환불은 3영업일 안에 처리됩니다.</doc-179>", response.Text);
        Assert.Equal(2, _emulator.Requests.Count);
    }

    [Fact]
    public async Task The_tools_plugin_is_registered_in_one_call_and_its_functions_reach_CLOVA()
    {
        using var clova = new ClovaClient(Options);
        Kernel kernel = Kernel.CreateBuilder().AddClovaToolsPlugin(clova).Build();

        FunctionResult summary = await kernel.InvokeAsync("clova", "summarize", new KernelArguments { ["text"] = "3분기 매출은 12% 늘었다. 비용은 5% 증가했다." });
        FunctionResult cited = await kernel.InvokeAsync("clova", "answer_with_citations", new KernelArguments
        {
            ["query"] = "환불은 언제 되나요?",
            ["documents"] = new[] { new ClovaDocument("faq-7", "환불은 승인 후 3영업일 안에 처리됩니다.") },
        });

        Assert.Equal(["summarize", "segment", "answer_with_citations"], kernel.Plugins["clova"].Select(f => f.Name));
        Assert.Equal("- 3분기 매출은 12% 늘었다.", summary.GetValue<string>());
        Assert.Equal("faq-7", Assert.Single(cited.GetValue<ClovaCitedAnswer>()!.CitedDocuments).Id);
    }

    [Fact]
    public async Task The_kernel_also_serves_the_registration_as_a_Microsoft_Extensions_AI_IChatClient_keyed_by_service_id()
    {
        Kernel kernel = Kernel.CreateBuilder()
            .AddClovaChatCompletion(ClovaModels.Hcx005, Options)
            .AddClovaChatCompletion(ClovaModels.HcxDash002, Options, "dash")
            .Build();

        IChatClient chat = kernel.GetRequiredService<IChatClient>();
        IChatClient dash = kernel.Services.GetRequiredKeyedService<IChatClient>("dash");
        await dash.GetResponseAsync("q");

        Assert.Equal(ClovaModels.Hcx005, chat.GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Equal("/v3/chat-completions/HCX-DASH-002", _emulator.LastRequest!.Path);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Service_errors_reach_SK_code_as_HttpOperationException_with_status_content_and_the_ClovaException(bool streaming)
    {
        Kernel kernel = Kernel.CreateBuilder().AddClovaChatCompletion("no-such-model", Options).Build();
        var service = kernel.GetRequiredService<IChatCompletionService>();
        var history = new ChatHistory();
        history.AddUserMessage("q");

        var error = await Assert.ThrowsAsync<HttpOperationException>(async () =>
        {
            if (streaming)
            {
                await foreach (StreamingChatMessageContent _ in service.GetStreamingChatMessageContentsAsync(history))
                {
                }
            }
            else
            {
                await service.GetChatMessageContentsAsync(history);
            }
        });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("no-such-model", error.ResponseContent, StringComparison.Ordinal);
        Assert.Equal("40080", Assert.IsType<ClovaException>(error.InnerException).ErrorCode);
    }

    [Fact]
    public async Task Disposing_the_container_disposes_the_client_a_chat_registration_made()
    {
        var services = new ServiceCollection();
        services.AddClovaChatCompletion(ClovaModels.Hcx005, Options);
        IChatClient chat;
        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            chat = provider.GetRequiredService<IChatClient>();
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => chat.GetResponseAsync("q"));
    }

    [Fact]
    public async Task The_api_key_registration_takes_an_endpoint()
    {
        Kernel kernel = Kernel.CreateBuilder().AddClovaChatCompletion(ClovaModels.Hcx005, "nv-sk-test", endpoint: _emulator.BaseUri).Build();

        FunctionResult result = await kernel.InvokePromptAsync("안녕");

        Assert.False(string.IsNullOrEmpty(result.ToString()));
        Assert.Equal("Bearer nv-sk-test", _emulator.LastRequest!.Header("Authorization"));
    }

    /// <summary>A search function as RAG reasoning expects it: <c>{"search_result":[{"id","doc"}]}</c>.</summary>
    public sealed class HelpCentrePlugin
    {
        /// <summary>Searches the help centre.</summary>
        [KernelFunction("search")]
        [Description("Searches the help centre")]
        public string Search([Description("The search query")] string query) =>
            """{"search_result":[{"id":"doc-9","doc":"배송은 2일 걸립니다."},{"id":"doc-179","doc":"환불은 3영업일 안에 처리됩니다."}]}""";
    }

    /// <summary>A kernel plugin, as users write them.</summary>
    public sealed class WeatherPlugin
    {
        /// <summary>Gets the weather.</summary>
        [KernelFunction("get_weather")]
        [Description("Gets the current weather for a city")]
        public string GetWeather([Description("The city")] string city) => $"{city}: 맑음";
    }
}
