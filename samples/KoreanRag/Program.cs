// Korean RAG end to end with CLOVA Studio's tools: split a document into paragraphs (segmentation), embed them
// (bge-m3), retrieve the closest paragraphs for a question (cosine), then have the reranker answer citing the ones it
// used. Runs on the embedded emulator without a key, and on CLOVA Studio with CLOVASTUDIO_API_KEY (or CLOVA_API_KEY) set.
using Clova;
using Microsoft.Extensions.AI;

await using SampleConnection connection = await SampleConnection.OpenAsync();
ClovaClient clova = connection.Client;

const string Document = """
    반품은 상품을 받은 날부터 7일 안에 신청할 수 있습니다. 반품 신청은 앱의 주문 내역에서 합니다.
    환불은 반품 상품이 물류 센터에 도착한 뒤 3영업일 안에 처리됩니다. 환불 금액은 결제 수단으로 돌려드립니다.
    배송은 보통 주문 후 2일 걸립니다. 주말과 공휴일에는 배송하지 않습니다.
    배송비는 3만 원 이상 주문하면 무료입니다. 제주와 도서 산간 지역은 추가 배송비가 있습니다.
    포인트는 구매 금액의 1%가 적립됩니다. 포인트는 적립일부터 1년 동안 쓸 수 있습니다.
    """;
string question = args.Length > 0 ? string.Join(' ', args) : "환불은 언제 처리되나요?";

// 1. Segment: topical paragraphs, each a list of sentences.
ClovaSegmentation segmentation = await clova.GetSegmenter().SegmentAsync(Document);
string[] paragraphs = [.. segmentation.Paragraphs.Select(p => string.Join(" ", p))];
Console.WriteLine($"Segmented into {paragraphs.Length} paragraphs ({segmentation.InputTokens} input tokens).");

// 2. Embed the paragraphs and the question.
IEmbeddingGenerator<string, Embedding<float>> embedder = clova.GetEmbeddingGenerator(ClovaModels.BgeM3);
GeneratedEmbeddings<Embedding<float>> vectors = await embedder.GenerateAsync(paragraphs);
ReadOnlyMemory<float> asked = (await embedder.GenerateAsync(question)).Vector;

// 3. Retrieve the two closest paragraphs.
ClovaDocument[] candidates =
[
    .. paragraphs
        .Select((text, i) => (text, i, score: VectorMath.Cosine(asked.Span, vectors[i].Vector.Span)))
        .OrderByDescending(r => r.score)
        .Take(2)
        .Select(r => new ClovaDocument($"para-{r.i}", r.text)),
];
Console.WriteLine($"Q: {question}");
foreach (ClovaDocument candidate in candidates)
{
    Console.WriteLine($"  retrieved {candidate.Id}: {candidate.Text}");
}

// 4. Answer with citations (CLOVA's "reranker" answers and cites; it does not score).
ClovaCitedAnswer answer = await clova.GetReranker().AnswerWithCitationsAsync(question, candidates);
Console.WriteLine();
Console.WriteLine(answer.Answer);
foreach (ClovaDocument cited in answer.CitedDocuments)
{
    Console.WriteLine($"  cited {cited.Id}: {cited.Text}");
}

foreach (string suggestion in answer.SuggestedQueries)
{
    Console.WriteLine($"  try instead: {suggestion}");
}
