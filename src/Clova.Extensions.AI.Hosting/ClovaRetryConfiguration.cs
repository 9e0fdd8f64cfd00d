using Clova;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The configuration shape of <see cref="ClovaRetryOptions"/> (the <c>Retry</c> section).</summary>
internal sealed class ClovaRetryConfiguration
{
    public bool? Enabled { get; set; }

    public int? MaxRetryAttempts { get; set; }

    public TimeSpan? BaseDelay { get; set; }

    public TimeSpan? MaxDelay { get; set; }

    public TimeSpan? MaxTotalDelay { get; set; }

    public bool? UseJitter { get; set; }

    /// <summary>Sets what configuration gave.</summary>
    public void ApplyTo(ClovaRetryOptions retry)
    {
        retry.Enabled = Enabled ?? retry.Enabled;
        retry.MaxRetryAttempts = MaxRetryAttempts ?? retry.MaxRetryAttempts;
        retry.BaseDelay = BaseDelay ?? retry.BaseDelay;
        retry.MaxDelay = MaxDelay ?? retry.MaxDelay;
        retry.MaxTotalDelay = MaxTotalDelay ?? retry.MaxTotalDelay;
        retry.UseJitter = UseJitter ?? retry.UseJitter;
    }
}
