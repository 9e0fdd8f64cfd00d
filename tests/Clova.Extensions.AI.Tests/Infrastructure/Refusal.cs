namespace Clova.Tests.Infrastructure;

/// <summary>
/// "Refused before sending": runs a call against a client whose handler records requests, asserts the call throws and
/// that nothing reached the wire, and returns the exception so the test can check its message.
/// </summary>
internal static class Refusal
{
    /// <summary>Asserts that <paramref name="call"/> throws exactly <see cref="ArgumentException"/> and sends no request.</summary>
    /// <param name="call">What to do with the client.</param>
    /// <returns>The exception thrown.</returns>
    public static Task<ArgumentException> BeforeSendingAsync(Func<ClovaClient, Task> call) => BeforeSendingAsync<ArgumentException>(call);

    /// <summary>Asserts that <paramref name="call"/> throws exactly <typeparamref name="TException"/> and sends no request.</summary>
    /// <typeparam name="TException">The exception type expected (not a derived one).</typeparam>
    /// <param name="call">What to do with the client.</param>
    /// <returns>The exception thrown.</returns>
    public static async Task<TException> BeforeSendingAsync<TException>(Func<ClovaClient, Task> call)
        where TException : Exception
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);

        TException error = await Assert.ThrowsAsync<TException>(() => call(client));

        Assert.Empty(handler.Requests);
        return error;
    }
}
