using System.Globalization;

namespace Clova.Resilience;

/// <summary>Reads how long the server asks clients to wait.</summary>
internal static class RetryHints
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    /// <summary>
    /// The longest of <c>Retry-After</c> (seconds or a date) and <c>x-ratelimit-reset-requests</c> /
    /// <c>x-ratelimit-reset-tokens</c> (durations such as <c>6s</c>, <c>2.5s</c>, <c>1m30s</c>, <c>250ms</c>), or
    /// null when none is present.
    /// </summary>
    public static TimeSpan? FromHeaders(HttpResponseMessage response)
    {
        TimeSpan? wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

        foreach (string name in new[] { "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens" })
        {
            if (response.Headers.TryGetValues(name, out IEnumerable<string>? values) && ParseDuration(values.FirstOrDefault()) is { } reset && (wait is null || reset > wait))
            {
                wait = reset;
            }
        }

        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>Parses <c>6s</c>, <c>2.5s</c>, <c>1m30s</c>, <c>250ms</c>, <c>1h</c>, or a bare number of seconds.</summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        ReadOnlySpan<char> rest = text.AsSpan().Trim();
        if (double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out double bare))
        {
            return FromSeconds(bare);
        }

        double total = 0;
        while (!rest.IsEmpty)
        {
            int end = 0;
            while (end < rest.Length && (char.IsAsciiDigit(rest[end]) || rest[end] == '.'))
            {
                end++;
            }

            if (end == 0 || !double.TryParse(rest[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                return null;
            }

            rest = rest[end..];
            if (rest.StartsWith("ms"))
            {
                total += value / 1000;
                rest = rest[2..];
            }
            else if (rest.StartsWith("h"))
            {
                total += value * 3600;
                rest = rest[1..];
            }
            else if (rest.StartsWith("m"))
            {
                total += value * 60;
                rest = rest[1..];
            }
            else if (rest.StartsWith("s"))
            {
                total += value;
                rest = rest[1..];
            }
            else
            {
                return null;
            }
        }

        return FromSeconds(total);
    }

    /// <summary>
    /// Any wait longer than a day is a day (the retry policy caps it far lower anyway); a negative, infinite or NaN
    /// one is no hint. TimeSpan itself overflows near 10^13 seconds, which a hostile header can ask for.
    /// </summary>
    private static TimeSpan? FromSeconds(double seconds) =>
        !double.IsFinite(seconds) || seconds < 0 ? null : seconds >= MaxWait.TotalSeconds ? MaxWait : TimeSpan.FromSeconds(seconds);
}
