// StructuredOutput: a typed answer from HCX-007. This is what Microsoft.Extensions.AI's GetResponseAsync<T>()
// does, written out: send ChatResponseFormat.ForJsonSchema<T>() and deserialise the reply's text into T.
// The connector fits the schema to CLOVA's subset and turns thinking off (CLOVA requires both).
//   dotnet run --project samples/StructuredOutput -- "서울의 오늘 날씨"
using System.Text.Json;
using Clova;
using Microsoft.Extensions.AI;

var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
await using SampleConnection connection = await SampleConnection.OpenAsync();
IChatClient chat = connection.Client.GetChatClient(ClovaModels.Hcx007);

string question = args.Length > 0 ? string.Join(' ', args) : "서울의 오늘 날씨를 알려 줘";
ChatResponse response = await chat.GetResponseAsync(question, new ChatOptions
{
    ResponseFormat = ChatResponseFormat.ForJsonSchema<Forecast>(json, "forecast", "A short weather forecast"),
});
Forecast forecast = JsonSerializer.Deserialize<Forecast>(response.Text, json)
    ?? throw new InvalidOperationException("The model returned null.");

Console.WriteLine($"> {question}");
Console.WriteLine($"City: {forecast.City}; high {forecast.HighCelsius}°C; rain: {forecast.Rain}; hours: {string.Join(", ", forecast.Hours)}");
SampleConnection.Note($"[raw] {response.Text}");
return 0;
