// ClovaChat: a streaming console chat over Microsoft.Extensions.AI's IChatClient.
//   dotnet run --project samples/ClovaChat                 interactive (empty line or "exit" quits)
//   dotnet run --project samples/ClovaChat -- "질문"       one question, then exit
// With CLOVA_API_KEY set it talks to CLOVA Studio (model from CLOVA_MODEL, default HCX-007; endpoint from
// CLOVA_ENDPOINT, default the public one). Without it, it starts the embedded emulator and says so.
using Clova;
using Microsoft.Extensions.AI;

string model = Environment.GetEnvironmentVariable("CLOVA_MODEL") is { Length: > 0 } m ? m : ClovaModels.Hcx007;
await using SampleConnection connection = await SampleConnection.OpenAsync();
IChatClient chat = connection.Client.GetChatClient(model);
var history = new List<ChatMessage>();
var chatOptions = new ChatOptions { Instructions = "You are a helpful assistant. Answer in the user's language." };
SampleConnection.Note($"Model {model}. Reasoning is shown in grey, then the answer.");

if (args.Length > 0)
{
    return await ChatConsole.AskAsync(chat, history, chatOptions, string.Join(' ', args), CancellationToken.None) ? 0 : 1;
}

while (true)
{
    Console.Write("\n> ");
    string? line = Console.ReadLine();
    if (string.IsNullOrWhiteSpace(line) || line.Trim() == "exit")
    {
        return 0;
    }

    using var cancel = new CancellationTokenSource();
    ConsoleCancelEventHandler onCancel = (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };
    Console.CancelKeyPress += onCancel;
    try
    {
        await ChatConsole.AskAsync(chat, history, chatOptions, line, cancel.Token);
    }
    finally
    {
        Console.CancelKeyPress -= onCancel;
    }
}
