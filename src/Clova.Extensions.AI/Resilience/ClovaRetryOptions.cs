namespace Clova;

/// <summary>
/// How failed requests are retried: 429 (42901 rate exceeded, 42902 overloaded, 42903 image queue), 408, 500,
/// 502, 503 and 504, and broken connections. Never 400/401/403/404-class errors. Waits honour
/// <c>Retry-After</c> and <c>x-ratelimit-reset-requests</c>/<c>-tokens</c> (<c>6s</c>, <c>2.5s</c>…) when present,
/// and back off exponentially with jitter otherwise.
/// </summary>
public sealed class ClovaRetryOptions
{
    /// <summary>Gets or sets whether requests are retried at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the most retries after the first attempt. Default 4.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Gets or sets the first backoff delay; each retry doubles it. Default 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest single wait, whatever the server asks. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the most time spent waiting between attempts in total; a retry that would go beyond it is not
    /// made and the last failure is reported. Default 60 seconds.
    /// </summary>
    public TimeSpan MaxTotalDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets whether backoff delays are spread randomly (Polly's decorrelated jitter around the exponential
    /// curve) so that clients do not retry in step. Default true. Waits the server asks for are never jittered.
    /// </summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>A copy, unchecked.</summary>
    internal ClovaRetryOptions Clone() => (ClovaRetryOptions)MemberwiseClone();

    internal ClovaRetryOptions Validate()
    {
        if (MaxRetryAttempts < 0 || BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero || MaxTotalDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ClovaClientOptions.Retry), "ClovaRetryOptions: MaxRetryAttempts and the delays cannot be negative.");
        }

        return new ClovaRetryOptions
        {
            Enabled = Enabled,
            MaxRetryAttempts = MaxRetryAttempts,
            BaseDelay = BaseDelay,
            MaxDelay = MaxDelay,
            MaxTotalDelay = MaxTotalDelay,
            UseJitter = UseJitter,
        };
    }
}
