using System.Net;
using Clova.Emulator;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Issue 13: <c>ClovaClient.GetEmbeddingGenerator</c> over real HTTP against the emulator.</summary>
public sealed class EmbeddingGeneratorTests
{
    private static readonly string[] Faq = ["반품 기간은 며칠인가요?", "환불은 언제 되나요?", "배송비는 얼마인가요?"];

    [Fact]
    public async Task Three_texts_give_three_1024_float_embeddings_in_order_with_model_time_and_summed_usage()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();
        IEmbeddingGenerator<string, Embedding<float>> generator = session.Client.GetEmbeddingGenerator(ClovaModels.BgeM3);
        DateTimeOffset before = DateTimeOffset.UtcNow;

        GeneratedEmbeddings<Embedding<float>> embeddings = await generator.GenerateAsync(Faq);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e =>
        {
            Assert.Equal(1024, e.Vector.Length);
            Assert.Equal("bge-m3", e.ModelId);
            Assert.InRange(e.CreatedAt!.Value, before, DateTimeOffset.UtcNow);
        });
        long perText = embeddings.Sum(e => (int)e.AdditionalProperties![ClovaPropertyNames.InputTokens]!);
        Assert.True(perText > 0);
        Assert.Equal(perText, embeddings.Usage!.InputTokenCount);
        Assert.Equal(perText, embeddings.Usage.TotalTokenCount);
        Assert.Equal(3, session.Emulator.Requests.Count);
        Assert.All(session.Emulator.Requests, r => Assert.Equal("/v1/api-tools/embedding/v2", r.Path));
        Assert.Equal(Faq.Order(StringComparer.Ordinal), session.Emulator.Requests.Select(r => r.Body).Select(b => b[9..^2]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_request_is_exactly_the_documented_text_field_with_Korean_unescaped()
    {
        var handler = new RecordingHandler(ClovaBody.Ok(Vector("0.5") + ""","inputTokens":7}"""));
        using ClovaClient client = RecordingHandler.Client(handler);

        await client.GetEmbeddingGenerator(ClovaModels.ClirEmbDolphin).GenerateAsync(["반품 기간은 며칠인가요?"]);

        Assert.Equal("""{"text":"반품 기간은 며칠인가요?"}""", handler.LastBody);
        Assert.Equal("/v1/api-tools/embedding/clir-emb-dolphin", handler.LastRequest.RequestUri!.AbsolutePath);
        Assert.Equal("Bearer", handler.LastRequest.Headers.Authorization!.Scheme);
    }

    [Fact]
    public async Task The_documented_reply_is_read_as_sent_including_its_inputTokens()
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(Vector("0.0132,-0.0481") + ""","inputTokens":7}""")));

        GeneratedEmbeddings<Embedding<float>> embeddings = await client.GetEmbeddingGenerator(ClovaModels.ClirEmbDolphin).GenerateAsync(["반품 기간은 며칠인가요?"]);

        Embedding<float> embedding = Assert.Single(embeddings);
        Assert.Equal(0.0132f, embedding.Vector.Span[0]);
        Assert.Equal(-0.0481f, embedding.Vector.Span[1]);
        Assert.Equal(7, embeddings.Usage!.InputTokenCount);
        Assert.Equal(7, embedding.AdditionalProperties![ClovaPropertyNames.InputTokens]);
    }

    [Fact]
    public async Task Replies_that_arrive_out_of_order_are_returned_in_input_order()
    {
        var options = new ClovaEmulatorOptions { EmbeddingDelay = text => text == "first" ? TimeSpan.FromMilliseconds(400) : TimeSpan.Zero };
        await using EmulatorSession session = await EmulatorSession.StartAsync(options);
        IEmbeddingGenerator<string, Embedding<float>> generator = session.Client.GetEmbeddingGenerator(ClovaModels.BgeM3);
        string[] texts = ["first", "second", "third", "fourth"];

        GeneratedEmbeddings<Embedding<float>> together = await generator.GenerateAsync(texts);

        for (int i = 0; i < texts.Length; i++)
        {
            Embedding<float> alone = Assert.Single(await generator.GenerateAsync([texts[i]]));
            Assert.Equal(alone.Vector.ToArray(), together[i].Vector.ToArray());
        }
    }

    [Fact]
    public async Task No_more_requests_than_MaxConcurrency_are_ever_in_flight_and_that_many_are_used()
    {
        var options = new ClovaEmulatorOptions { EmbeddingDelay = _ => TimeSpan.FromMilliseconds(60) };
        await using ClovaEmulator emulator = await ClovaEmulator.StartAsync(options);
        using var gauge = new ConcurrencyGauge(new SocketsHttpHandler());
        using var client = new ClovaClient(new ClovaClientOptions { Endpoint = emulator.BaseUri, ApiKey = EmulatorSession.Key, HttpMessageHandler = gauge });

        GeneratedEmbeddings<Embedding<float>> embeddings = await client
            .GetEmbeddingGenerator(ClovaModels.BgeM3, new ClovaEmbeddingGeneratorOptions { MaxConcurrency = 3 })
            .GenerateAsync(Enumerable.Range(0, 12).Select(i => $"질문 {i}"));

        Assert.Equal(12, embeddings.Count);
        Assert.Equal(3, gauge.Max);
    }

    [Fact]
    public async Task The_first_failure_cancels_the_rest_and_names_the_input_that_failed()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();
        string tooLong = string.Join(' ', Enumerable.Repeat("word", 600));
        string[] texts = ["a", tooLong, "c", "d", "e"];
        IEmbeddingGenerator<string, Embedding<float>> generator = session.Client.GetEmbeddingGenerator(ClovaModels.ClirEmbDolphin, new ClovaEmbeddingGeneratorOptions { MaxConcurrency = 1 });

        var error = await Assert.ThrowsAsync<ClovaException>(() => generator.GenerateAsync(texts));

        Assert.Equal(1, error.InputIndex);
        Assert.Equal("40003", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.StartsWith("Input 1 of 5 failed:", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.RequestId);
        Assert.Equal(2, session.Emulator.Requests.Count);
    }

    [Fact]
    public async Task A_rate_limit_storm_is_absorbed_per_text_with_the_same_request_id_on_each_retry()
    {
        var options = new ClovaEmulatorOptions { RateLimitRequests = 2, RateLimitWindow = TimeSpan.FromMilliseconds(250) };
        await using EmulatorSession session = await EmulatorSession.StartAsync(options, o => o.Retry.MaxRetryAttempts = 20);
        string[] texts = [.. Enumerable.Range(0, 6).Select(i => $"텍스트 {i}")];

        GeneratedEmbeddings<Embedding<float>> embeddings = await session.Client.GetEmbeddingGenerator(ClovaModels.BgeM3).GenerateAsync(texts);

        Assert.Equal(6, embeddings.Count);
        IReadOnlyList<RecordedRequest> requests = session.Emulator.Requests;
        Assert.True(requests.Count > 6, "the storm should have caused retries");
        Assert.Equal(6, requests.Select(r => r.Header("X-NCP-CLOVASTUDIO-REQUEST-ID")).Distinct().Count());
        Assert.All(requests.GroupBy(r => r.Header("X-NCP-CLOVASTUDIO-REQUEST-ID")), g => Assert.Single(g.Select(r => r.Body).Distinct()));
    }

    [Fact]
    public async Task An_empty_list_returns_an_empty_result_without_a_request()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();

        GeneratedEmbeddings<Embedding<float>> embeddings = await session.Client.GetEmbeddingGenerator(ClovaModels.BgeM3).GenerateAsync([]);

        Assert.Empty(embeddings);
        Assert.Empty(session.Emulator.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData(null)]
    public async Task A_blank_or_null_text_is_refused_by_index_before_any_request(string? blank)
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => session.Client.GetEmbeddingGenerator(ClovaModels.BgeM3).GenerateAsync(["ok", blank!]));

        Assert.StartsWith("Input 1 is", error.Message, StringComparison.Ordinal);
        Assert.Contains("40004", error.Message, StringComparison.Ordinal);
        Assert.Empty(session.Emulator.Requests);
    }

    [Fact]
    public async Task Dimensions_other_than_1024_are_refused_before_sending_and_1024_is_accepted()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();
        IEmbeddingGenerator<string, Embedding<float>> generator = session.Client.GetEmbeddingGenerator(ClovaModels.BgeM3);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 512 }));
        GeneratedEmbeddings<Embedding<float>> ok = await generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 1024 });

        Assert.Contains("EmbeddingGenerationOptions.Dimensions is 512", error.Message, StringComparison.Ordinal);
        Assert.Contains("bge-m3", error.Message, StringComparison.Ordinal);
        Assert.Single(ok);
        Assert.Single(session.Emulator.Requests);
    }

    [Fact]
    public async Task ModelId_in_the_options_overrides_the_model_for_one_call()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();

        GeneratedEmbeddings<Embedding<float>> embeddings = await session.Client.GetEmbeddingGenerator(ClovaModels.BgeM3)
            .GenerateAsync(["a"], new EmbeddingGenerationOptions { ModelId = ClovaModels.ClirStsDolphin });

        Assert.Equal("clir-sts-dolphin", Assert.Single(embeddings).ModelId);
        Assert.Equal("/v1/api-tools/embedding/clir-sts-dolphin", Assert.Single(session.Emulator.Requests).Path);
    }

    [Fact]
    public async Task GetService_gives_metadata_the_owning_client_and_itself_and_nothing_for_a_key()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();
        IEmbeddingGenerator<string, Embedding<float>> generator = session.Client.GetEmbeddingGenerator(ClovaModels.ClirEmbDolphin);

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("clova", metadata!.ProviderName);
        Assert.Equal(session.Emulator.BaseUri, metadata.ProviderUri);
        Assert.Equal("clir-emb-dolphin", metadata.DefaultModelId);
        Assert.Equal(1024, metadata.DefaultModelDimensions);
        Assert.Same(session.Client, generator.GetService<ClovaClient>());
        Assert.Same(generator, generator.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Null(generator.GetService(typeof(EmbeddingGeneratorMetadata), "key"));
        Assert.Equal(session.Client.GetChatClient(ClovaModels.Hcx005).GetService<ChatClientMetadata>()!.ProviderName, metadata.ProviderName);
    }

    [Fact]
    public async Task Vectors_come_as_sent_unless_normalisation_is_asked_for()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();

        Embedding<float> raw = Assert.Single(await session.Client.GetEmbeddingGenerator(ClovaModels.ClirEmbDolphin).GenerateAsync(["환불은 언제 되나요?"]));
        Embedding<float> unit = Assert.Single(await session.Client.GetEmbeddingGenerator(ClovaModels.ClirEmbDolphin, new ClovaEmbeddingGeneratorOptions { Normalize = true }).GenerateAsync(["환불은 언제 되나요?"]));

        Assert.NotEqual(1.0, Norm(raw.Vector.Span), 3);
        Assert.Equal(1.0, Norm(unit.Vector.Span), 4);
    }

    [Fact]
    public async Task The_legacy_key_pair_without_an_app_id_is_refused_by_name_and_with_one_uses_the_gateway_path()
    {
        const string appId = "0123456789abcdef0123456789abcdef";
        await using EmulatorSession bare = await EmulatorSession.StartAsync(configure: EmulatorSession.LegacyKeys("legacy-key", "gateway-key"));
        var error = Assert.Throws<InvalidOperationException>(() => bare.Client.GetEmbeddingGenerator(ClovaModels.ClirEmbDolphin));
        Assert.Contains("ClovaClientOptions.LegacyAppId", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClovaClientOptions.AppPath", error.Message, StringComparison.Ordinal);

        await using EmulatorSession legacy = await EmulatorSession.StartAsync(configure: o =>
        {
            EmulatorSession.LegacyKeys("legacy-key", "gateway-key")(o);
            o.AppPath = "testapp";
            o.LegacyAppId = appId;
        });
        GeneratedEmbeddings<Embedding<float>> embeddings = await legacy.Client.GetEmbeddingGenerator(ClovaModels.ClirEmbDolphin).GenerateAsync(["반품"]);
        await legacy.Client.GetEmbeddingGenerator(ClovaModels.BgeM3).GenerateAsync(["반품"]);

        Assert.Single(embeddings);
        Assert.Equal($"/testapp/v1/api-tools/embedding/clir-emb-dolphin/{appId}", legacy.Emulator.Requests[0].Path);
        Assert.Equal($"/testapp/v1/api-tools/embedding/v2/{appId}", legacy.Emulator.Requests[1].Path);
        Assert.Equal("legacy-key", legacy.Emulator.Requests[0].Header("X-NCP-CLOVASTUDIO-API-KEY"));
    }

    [Fact]
    public async Task The_token_pre_check_refuses_an_over_long_text_by_index_and_count_before_any_embedding_is_paid()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();
        IEmbeddingGenerator<string, Embedding<float>> generator = session.Client.GetEmbeddingGenerator(ClovaModels.BgeM3, new ClovaEmbeddingGeneratorOptions { CheckTokenLimit = true });
        string tooLong = new('환', 9000); // one token per syllable in the emulator's tokenizer, under its 10,000-character limit

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["short", tooLong]));

        Assert.StartsWith("Input 1 is 9,000 tokens", error.Message, StringComparison.Ordinal);
        Assert.Contains("up to 8,192", error.Message, StringComparison.Ordinal);
        Assert.All(session.Emulator.Requests, r => Assert.EndsWith("/tokenize", r.Path, StringComparison.Ordinal));
        Assert.Single(await generator.GenerateAsync(["short"]));
    }

    [Fact]
    public async Task The_token_pre_check_is_refused_for_a_model_without_a_tokenizer()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => session.Client.GetEmbeddingGenerator(ClovaModels.ClirEmbDolphin, new ClovaEmbeddingGeneratorOptions { CheckTokenLimit = true }));

        Assert.Contains("bge-m3 only, not clir-emb-dolphin", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public async Task An_impossible_MaxConcurrency_is_refused_by_name(int concurrency)
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();

        Assert.Throws<ArgumentOutOfRangeException>("MaxConcurrency", () => session.Client.GetEmbeddingGenerator(ClovaModels.BgeM3, new ClovaEmbeddingGeneratorOptions { MaxConcurrency = concurrency }));
    }

    [Fact]
    public async Task Cancelling_mid_call_throws_and_leaves_nothing_running()
    {
        var options = new ClovaEmulatorOptions { EmbeddingDelay = _ => TimeSpan.FromSeconds(5) };
        await using EmulatorSession session = await EmulatorSession.StartAsync(options);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Client.GetEmbeddingGenerator(ClovaModels.BgeM3).GenerateAsync(["a", "b", "c"], cancellationToken: cancel.Token));
    }

    [Theory]
    [InlineData("""{"inputTokens":7}""", "no vector")]
    [InlineData("""{"embedding":[],"inputTokens":7}""", "no vector")]
    [InlineData("""{"embedding":[0.1,0.2,0.3],"inputTokens":7}""", "has 3 numbers")]
    [InlineData("""{"embedding":["0.1"],"inputTokens":7}""", "not a finite number")]
    [InlineData("""{"embedding":[1e39],"inputTokens":7}""", "not a finite number")]
    [InlineData("""{"embedding":[null],"inputTokens":7}""", "not a finite number")]
    [InlineData("""{"embedding":{"0":1},"inputTokens":7}""", "not an array")]
    public async Task A_broken_vector_is_a_ClovaException_naming_the_input(string result, string expected)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(result)));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetEmbeddingGenerator(ClovaModels.BgeM3).GenerateAsync(["a"]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.InputIndex);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("2147483647")]
    [InlineData("\"7\"")]
    public async Task An_impossible_inputTokens_is_a_ClovaException(string tokens)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(Vector("0.5") + $$""","inputTokens":{{tokens}}}""")));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetEmbeddingGenerator(ClovaModels.BgeM3).GenerateAsync(["a"]));

        Assert.Equal(0, error.InputIndex);
    }

    [Fact]
    public async Task A_reply_without_inputTokens_leaves_usage_unknown_rather_than_undercounted()
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(Vector("0.5") + "}")));

        GeneratedEmbeddings<Embedding<float>> embeddings = await client.GetEmbeddingGenerator(ClovaModels.BgeM3).GenerateAsync(["a"]);

        Assert.Null(embeddings.Usage);
        Assert.Null(Assert.Single(embeddings).AdditionalProperties);
    }

    [Fact]
    public async Task A_failure_that_is_not_the_texts_fault_names_the_input_in_flight_without_blaming_it()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync(configure: o => o.ApiKey = "not-an-nv-key");

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Client.GetEmbeddingGenerator(ClovaModels.BgeM3).GenerateAsync(["a"]));

        Assert.Equal("40104", error.ErrorCode);
        Assert.Equal(0, error.InputIndex);
        Assert.DoesNotContain("Input 0 of 1 failed", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(while sending input 0 of 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("starting with nv-", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Normalising_a_vector_of_denormal_floats_gives_a_unit_vector_not_infinities()
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(Vector("1e-39") + ""","inputTokens":1}""")));

        Embedding<float> embedding = Assert.Single(await client.GetEmbeddingGenerator(ClovaModels.ClirEmbDolphin, new ClovaEmbeddingGeneratorOptions { Normalize = true }).GenerateAsync(["a"]));

        Assert.Equal(1f, embedding.Vector.Span[0]);
        Assert.All(embedding.Vector.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    /// <summary>A result object opened with a 1024-number embedding starting with <paramref name="head"/> and padded with zeros; the caller closes it.</summary>
    private static string Vector(string head) =>
        """{"embedding":[""" + head + string.Concat(Enumerable.Repeat(",0", 1024 - head.Split(',').Length)) + "]";

    private static double Norm(ReadOnlySpan<float> vector)
    {
        double sum = 0;
        foreach (float v in vector)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum);
    }
}
