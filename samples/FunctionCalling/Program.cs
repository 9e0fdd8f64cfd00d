// FunctionCalling: a weather tool and the tool loop written out by hand, shaped exactly as
// Microsoft.Extensions.AI's FunctionInvokingChatClient shapes it (so adding that middleware later just works):
// ask → assistant message with the calls → one tool message with the results → ask again.
//   dotnet run --project samples/FunctionCalling -- "What is the weather in Seoul?"
using System.ComponentModel;
using Clova;
using Microsoft.Extensions.AI;

await using SampleConnection connection = await SampleConnection.OpenAsync();
IChatClient chat = connection.Client.GetChatClient(Environment.GetEnvironmentVariable("CLOVA_MODEL") is { Length: > 0 } m ? m : ClovaModels.Hcx005);

AIFunction weather = AIFunctionFactory.Create(
    ([Description("City name, e.g. Seoul")] string city) => new { city, sky = "맑음", celsius = 23 },
    "get_weather",
    "Gets the current weather for a city");
var options = new ChatOptions { Tools = [weather] };
List<ChatMessage> history = [new(ChatRole.User, args.Length > 0 ? string.Join(' ', args) : "What is the weather in Seoul?")];
Console.WriteLine($"> {history[0].Text}");

for (int round = 1; round <= 5; round++)
{
    ChatResponse response = await chat.GetResponseAsync(history, options);
    history.AddRange(response.Messages);
    var calls = response.Messages.SelectMany(msg => msg.Contents).OfType<FunctionCallContent>().ToList();
    if (calls.Count == 0)
    {
        Console.WriteLine(response.Text);
        SampleConnection.Note($"[finish {response.FinishReason}, {response.Usage?.TotalTokenCount} tokens, {round} round(s)]");
        return 0;
    }

    var results = new List<AIContent>();
    foreach (FunctionCallContent call in calls)
    {
        SampleConnection.Note($"[call {call.CallId}] {call.Name}({string.Join(", ", call.Arguments?.Select(a => $"{a.Key}={a.Value}") ?? [])})");
        object? result = call.Exception is null
            ? await weather.InvokeAsync(new AIFunctionArguments(call.Arguments))
            : $"Error: the arguments could not be read ({call.Exception.Message})";
        results.Add(new FunctionResultContent(call.CallId, result));
    }

    history.Add(new ChatMessage(ChatRole.Tool, results));
}

Console.Error.WriteLine("The model kept calling tools; stopping after 5 rounds.");
return 1;
