using System.Globalization;
using System.Text;
using Clova.Wire;

namespace Clova.Tests;

/// <summary>The embedding vector's fast number parser gives exactly what the framework's parser gives, or declines.</summary>
public sealed class FastFloatParserTests
{
    [Theory]
    [InlineData("0.0132", 0.0132f)]
    [InlineData("-0.0481", -0.0481f)]
    [InlineData("0", 0f)]
    [InlineData("-0.0", -0f)]
    [InlineData("1", 1f)]
    [InlineData("123.5", 123.5f)]
    [InlineData("0.000000000000000000001", 1e-21f)]
    public void Documented_and_plain_decimals_parse_to_their_float(string text, float expected)
    {
        Assert.True(FastFloatParser.TryParse(Encoding.ASCII.GetBytes(text), out float value));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(value));
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("1.5E-3")]
    [InlineData("0.12345678901234567")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("+1")]
    [InlineData("0.00000000000000000000001")]
    public void Shapes_it_cannot_do_exactly_are_declined_for_the_framework_parser(string text)
    {
        Assert.False(FastFloatParser.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void Two_hundred_thousand_random_decimals_agree_bit_for_bit_with_float_Parse_whenever_accepted()
    {
        var random = new Random(20261122);
        string[] formats = ["R", "G9", "F6", "F10", "F12", "0.###############"];
        int accepted = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double magnitude = Math.Pow(10, random.Next(-8, 4));
            double source = (random.NextDouble() - 0.5) * magnitude;
            string text = source.ToString(formats[i % formats.Length], CultureInfo.InvariantCulture);
            if (FastFloatParser.TryParse(Encoding.ASCII.GetBytes(text), out float fast))
            {
                accepted++;
                float framework = float.Parse(text, CultureInfo.InvariantCulture);
                Assert.True(BitConverter.SingleToInt32Bits(framework) == BitConverter.SingleToInt32Bits(fast), $"{text}: {fast:R} vs {framework:R}");
            }
        }

        Assert.True(accepted > 100_000, $"only {accepted} accepted: the fast path is not taken for typical vectors");
    }

    [Fact]
    public void A_decimal_exactly_halfway_between_two_floats_is_declined()
    {
        // 1 + 2^-24 is exactly halfway between 1 and the next float; it has 17 significant digits, so make one that fits:
        // 16777217 / 2^24 is not a short decimal, but 16777217 itself (2^24 + 1) is halfway between two floats.
        Assert.False(FastFloatParser.TryParse("16777217"u8, out _));
        Assert.True(FastFloatParser.TryParse("16777218"u8, out float even));
        Assert.Equal(16777218f, even);
    }
}
