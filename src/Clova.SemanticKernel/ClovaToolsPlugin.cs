using System.ComponentModel;
using Clova;

namespace Microsoft.SemanticKernel;

/// <summary>
/// CLOVA Studio's RAG tools as a Semantic Kernel plugin: summarize, segment and answer with citations (the reranker),
/// each a <see cref="KernelFunctionAttribute"/> the kernel can call automatically. Register it with
/// <see cref="ClovaKernelBuilderExtensions.AddClovaToolsPlugin"/>.
/// </summary>
public sealed class ClovaToolsPlugin
{
    private readonly ClovaClient _client;

    /// <summary>Initializes the plugin over a client, which the caller keeps owning.</summary>
    /// <param name="client">The CLOVA client whose credentials and transport the tools use.</param>
    public ClovaToolsPlugin(ClovaClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>Summarises a text of up to 35,000 characters.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The summary.</returns>
    [KernelFunction("summarize")]
    [Description("Summarises a Korean or English text of up to 35,000 characters.")]
    public async Task<string> SummarizeAsync([Description("The text to summarise")] string text, CancellationToken cancellationToken = default) =>
        (await _client.GetSummarizer().SummarizeAsync(text, cancellationToken: cancellationToken).ConfigureAwait(false)).Text;

    /// <summary>Splits a text of up to 120,000 characters into topical paragraphs.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The paragraphs, each as one string.</returns>
    [KernelFunction("segment")]
    [Description("Splits a text of up to 120,000 characters into topical paragraphs.")]
    public async Task<IReadOnlyList<string>> SegmentAsync([Description("The text to split")] string text, CancellationToken cancellationToken = default)
    {
        ClovaSegmentation segmentation = await _client.GetSegmenter().SegmentAsync(text, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. segmentation.Paragraphs.Select(p => string.Join(" ", p))];
    }

    /// <summary>Answers a question from documents, citing those it used (CLOVA's reranker).</summary>
    /// <param name="query">The question.</param>
    /// <param name="documents">The candidate documents.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer and the cited documents.</returns>
    [KernelFunction("answer_with_citations")]
    [Description("Answers a question from the given documents, citing the documents it used.")]
    public Task<ClovaCitedAnswer> AnswerWithCitationsAsync(
        [Description("The question")] string query,
        [Description("The candidate documents, each with an id and a text")] IReadOnlyList<ClovaDocument> documents,
        CancellationToken cancellationToken = default) =>
        _client.GetReranker().AnswerWithCitationsAsync(query, documents, cancellationToken: cancellationToken);
}
