using System.Globalization;
using System.Net;
using System.Text;
using Clova.Internal;
using Clova.Wire;

namespace Clova.Tests;

/// <summary>
/// Issue 17: the embedding reply's vector is scanned by hand. It must read exactly what the general reader reads,
/// decline (so the general reader reports the error) every shape that is not plain JSON numbers, and leave the rest of
/// the envelope to be read as before.
/// </summary>
public sealed class VectorScannerTests
{
    [Fact]
    public async Task A_documented_shape_reads_to_the_literal_floats_and_token_count()
    {
        ClovaEmbeddingResult result = await ReadAsync("""{"status":{"code":"20000","message":"OK"},"result":{"embedding":[0.0132,-0.0481,1.5e-05,-0,0,2E+2,3e-3],"inputTokens":12}}""");

        Assert.Equal([0.0132f, -0.0481f, 1.5e-05f, -0f, 0f, 200f, 0.003f], result.Embedding!);
        Assert.True(float.IsNegative(result.Embedding![3]));
        Assert.Equal(12, result.InputTokens);
    }

    [Fact]
    public async Task Two_thousand_random_vectors_in_every_number_format_and_spacing_read_bit_for_bit_as_float_Parse_reads_them()
    {
        var random = new Random(17);
        string[] formats = ["R", "G9", "F6", "E5", "e3", "0.###############", "G17"];
        string[] spaces = ["", " ", "\n", "\r\n\t "];
        for (int v = 0; v < 2000; v++)
        {
            int length = random.Next(1, 40);
            var texts = new string[length];
            var json = new StringBuilder("{\"result\":{\"embedding\":[").Append(spaces[v % spaces.Length]);
            for (int i = 0; i < length; i++)
            {
                double source = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 6));
                texts[i] = source.ToString(formats[random.Next(formats.Length)], CultureInfo.InvariantCulture);
                json.Append(i == 0 ? "" : "," + spaces[random.Next(spaces.Length)]).Append(texts[i]).Append(spaces[random.Next(spaces.Length)]);
            }

            json.Append("],\"inputTokens\":1},\"status\":{\"code\":\"20000\"}}");
            ClovaEmbeddingResult result = await ReadAsync(json.ToString());

            Assert.Equal(length, result.Embedding!.Length);
            for (int i = 0; i < length; i++)
            {
                float expected = float.Parse(texts[i], CultureInfo.InvariantCulture);
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(result.Embedding[i]), $"{texts[i]}: {result.Embedding[i]:R} vs {expected:R}");
            }
        }
    }

    [Theory]
    [InlineData("[1,]")]
    [InlineData("[01]")]
    [InlineData("[1.]")]
    [InlineData("[.5]")]
    [InlineData("[+1]")]
    [InlineData("[-]")]
    [InlineData("[1e]")]
    [InlineData("[1e+]")]
    [InlineData("[NaN]")]
    [InlineData("[Infinity]")]
    [InlineData("[\"0.1\"]")]
    [InlineData("[[0.1]]")]
    [InlineData("[0.1 0.2]")]
    [InlineData("[0.1,,0.2]")]
    [InlineData("[0.1/*x*/]")]
    [InlineData("[0x10]")]
    [InlineData("[0.1")]
    public void A_shape_that_is_not_plain_numbers_is_declined_by_the_scanner(string array)
    {
        byte[] json = Encoding.UTF8.GetBytes(array);

        Assert.Null(ClovaVectorScanner.TryRead(json, 0, out int close));
        Assert.Equal(-1, close);
    }

    [Theory]
    [InlineData("[1,]")]
    [InlineData("[01]")]
    [InlineData("[1.]")]
    [InlineData("[.5]")]
    [InlineData("[+1]")]
    [InlineData("[NaN]")]
    [InlineData("[\"0.1\"]")]
    [InlineData("[[0.1]]")]
    [InlineData("[0.1 0.2]")]
    [InlineData("[1e39]")]
    [InlineData("[-1e39]")]
    [InlineData("[0.1")]
    public async Task A_declined_or_impossible_vector_is_still_a_ClovaException_from_the_general_reader(string array)
    {
        ClovaException e = await Assert.ThrowsAsync<ClovaException>(() => ReadAsync("{\"result\":{\"embedding\":" + array + ",\"inputTokens\":1}}"));

        Assert.Contains("rid-17", e.Message);
    }

    [Fact]
    public void An_overflowing_number_is_refused_as_not_finite_by_the_scanner_itself()
    {
        var e = Assert.Throws<System.Text.Json.JsonException>(() => ClovaVectorScanner.TryRead("[0.5,1e39]"u8, 0, out _));

        Assert.Equal("embedding[1] is not a finite number.", e.Message);
    }

    [Fact]
    public void More_numbers_than_any_vector_has_are_refused_without_growing_further()
    {
        byte[] json = Encoding.ASCII.GetBytes("[" + string.Join(",", Enumerable.Repeat("0.1", 65_537)) + "]");

        var e = Assert.Throws<System.Text.Json.JsonException>(() => ClovaVectorScanner.TryRead(json, 0, out _));

        Assert.Equal("embedding has more than 65,536 components.", e.Message);
    }

    [Fact]
    public async Task Members_after_the_vector_and_an_error_status_after_the_result_are_still_read()
    {
        ClovaEmbeddingResult result = await ReadAsync("""{"result":{"embedding":[0.25, 0.5],"extra":{"a":[1,{"b":[]}]},"inputTokens":7},"other":[1,2]}""");
        Assert.Equal([0.25f, 0.5f], result.Embedding!);
        Assert.Equal(7, result.InputTokens);

        ClovaException e = await Assert.ThrowsAsync<ClovaException>(() => ReadAsync("""{"result":{"embedding":[0.25]},"status":{"code":"40080","message":"model gone"}}"""));
        Assert.Equal("40080", e.ErrorCode);
        Assert.Contains("model gone", e.Message);
    }

    [Fact]
    public async Task A_repeated_embedding_member_keeps_the_last_as_the_generated_reader_does()
    {
        ClovaEmbeddingResult result = await ReadAsync("""{"result":{"embedding":[1,2,3],"embedding":[4],"inputTokens":null}}""");

        Assert.Equal([4f], result.Embedding!);
        Assert.Null(result.InputTokens);
    }

    [Theory]
    [InlineData("""{"result":{"embedding":[0.1],"inputTokens":"12"}}""")]
    [InlineData("""{"result":{"embedding":[0.1],"inputTokens":1.5}}""")]
    [InlineData("""{"result":{"embedding":{"a":1}}}""")]
    [InlineData("""{"result":{"embedding":[0.1]""")]
    [InlineData("""{"result":{"embedding":[0.1]},}""")]
    public async Task A_malformed_result_around_a_good_vector_is_a_ClovaException(string body)
    {
        await Assert.ThrowsAsync<ClovaException>(() => ReadAsync(body));
    }

    private static async Task<ClovaEmbeddingResult> ReadAsync(string body)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        return await ClovaEnvelopeReader.ReadResultAsync(response, ClovaJson.Context.ClovaEmbeddingResult, "rid-17", CancellationToken.None, fastReader: ClovaEmbeddingReader.Read);
    }
}
