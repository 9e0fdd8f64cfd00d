namespace Clova.Emulator.Tests.Infrastructure;

/// <summary>Credentials for requests the emulator should accept.</summary>
internal static class TestKeys
{
    /// <summary>A Bearer key of the current form: the emulator's default options accept any key starting with <c>nv-</c>.</summary>
    public const string Bearer = "nv-test-0123456789abcdef";
}
