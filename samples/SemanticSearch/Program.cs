// Semantic search over a small Korean FAQ: embed the entries once, embed each query, rank by cosine similarity.
// Runs on the embedded emulator without a key (its vectors come from shared words and syllable pairs, so the
// rankings make sense offline) and on CLOVA Studio with CLOVA_API_KEY set.
using Clova;
using Microsoft.Extensions.AI;

await using SampleConnection connection = await SampleConnection.OpenAsync();
string model = Environment.GetEnvironmentVariable("CLOVA_EMBEDDING_MODEL") is { Length: > 0 } chosen ? chosen : ClovaModels.BgeM3;
IEmbeddingGenerator<string, Embedding<float>> generator = connection.Client.GetEmbeddingGenerator(model);

string[] faq =
[
    "반품은 상품을 받은 날부터 7일 안에 신청할 수 있습니다.",
    "환불은 반품 상품이 도착하고 3영업일 안에 처리됩니다.",
    "배송은 보통 주문 후 2일 걸리며 주말과 공휴일은 제외됩니다.",
    "배송비는 3만 원 이상 주문하면 무료입니다.",
    "주문 취소는 배송이 시작되기 전까지 앱에서 할 수 있습니다.",
    "비밀번호를 잊었다면 로그인 화면에서 비밀번호 찾기를 누르세요.",
    "회원 탈퇴는 설정 메뉴의 계정 관리에서 할 수 있습니다.",
    "포인트는 구매 금액의 1%가 적립되며 1년 동안 쓸 수 있습니다.",
    "쿠폰은 주문서에서 한 번에 하나만 쓸 수 있습니다.",
    "해외 배송은 현재 미국과 일본으로만 가능합니다.",
    "영수증은 주문 내역에서 출력할 수 있습니다.",
    "고객센터는 평일 오전 9시부터 오후 6시까지 운영합니다.",
];

GeneratedEmbeddings<Embedding<float>> entries = await generator.GenerateAsync(faq);
Console.WriteLine($"Embedded {faq.Length} FAQ entries with {model} ({entries.Usage?.InputTokenCount} input tokens).");

foreach (string query in new[] { "환불은 언제 되나요?", "배송비가 무료가 되는 조건은?", "비밀번호를 잊어버렸어요" })
{
    ReadOnlyMemory<float> asked = (await generator.GenerateAsync(query)).Vector;
    Console.WriteLine();
    Console.WriteLine($"Q: {query}");
    foreach ((string entry, double score) in faq
        .Select((entry, i) => (entry, score: VectorMath.Cosine(asked.Span, entries[i].Vector.Span)))
        .OrderByDescending(r => r.score)
        .Take(3))
    {
        Console.WriteLine($"  {score:0.000}  {entry}");
    }
}
