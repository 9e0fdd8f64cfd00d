namespace Clova.Emulator.Tests;

/// <summary>The standalone emulator (<c>clova-emulator</c>) answers <c>--help</c> instead of starting a server.</summary>
public sealed class StandaloneUsageTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    [InlineData("/?")]
    public void Asking_for_help_writes_the_usage_with_the_urls_option(string flag)
    {
        using var output = new StringWriter();

        bool written = ClovaEmulator.TryWriteUsage([flag], output);

        Assert.True(written);
        Assert.Contains("Usage: clova-emulator [--urls", output.ToString());
        Assert.Contains("nv-", output.ToString());
    }

    [Fact]
    public void Ordinary_arguments_write_nothing_and_let_the_server_start()
    {
        using var output = new StringWriter();

        bool written = ClovaEmulator.TryWriteUsage(["--urls", "http://127.0.0.1:5080"], output);

        Assert.False(written);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task Running_with_help_returns_at_once_instead_of_serving_until_stopped()
    {
        // Before the fix this started a server on localhost:5000 and waited for Ctrl+C.
        await ClovaEmulator.RunAsync(["--help"]).WaitAsync(TimeSpan.FromSeconds(30));
    }
}
