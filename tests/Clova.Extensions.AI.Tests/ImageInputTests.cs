using System.Text.Json.Nodes;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Image input (HCX-005): parts on the wire, limits checked before sending, and the emulator's counting.</summary>
public sealed class ImageInputTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    [Fact]
    public async Task Inline_images_go_as_dataUri_parts_and_addresses_as_imageUrl_parts_after_the_text()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);
        ChatMessage[] history =
        [
            new(ChatRole.User, [new TextContent("이 그림은?"), new DataContent(Png, "image/png")]),
            new(ChatRole.Assistant, "고양이"),
            new(ChatRole.User, [new UriContent("https://example.com/cat.jpg", "image/jpeg")]),
        ];

        await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync(history);

        JsonArray messages = JsonNode.Parse(handler.LastBody)!["messages"]!.AsArray();
        Assert.Equal(
            $$$"""[{"type":"text","text":"이 그림은?"},{"type":"image_url","dataUri":{"data":"{{{Convert.ToBase64String(Png)}}}"}}]""",
            messages[0]!["content"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal("""[{"type":"image_url","imageUrl":{"url":"https://example.com/cat.jpg"}}]""", messages[2]!["content"]!.ToJsonString());
    }

    [Fact]
    public async Task HCX_005_on_the_emulator_sees_the_image_and_counts_it_in_the_prompt()
    {
        await using var session = await EmulatorSession.StartAsync();
        var message = new ChatMessage(ChatRole.User, [new TextContent("what"), new DataContent(Png, "image/png")]);

        ChatResponse response = await session.Chat(ClovaModels.Hcx005).GetResponseAsync([message]);

        Assert.Contains("이미지 1개를 확인했습니다", response.Text, StringComparison.Ordinal);
        Assert.Equal(1 + 3 + 100, response.Usage!.InputTokenCount); // "what" 1 token + 3 per message + 100 per image, the emulator's documented rule
    }

    [Fact]
    public async Task Two_images_in_one_user_turn_are_refused()
    {
        var error = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new DataContent(Png, "image/png"), new DataContent(Png, "image/png")])]));

        Assert.Contains("one image per user turn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sixth_image_in_the_conversation_is_refused()
    {
        var history = Enumerable.Range(0, 6).Select(_ => new ChatMessage(ChatRole.User, [new DataContent(Png, "image/png")])).ToList();

        var error = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync(history));

        Assert.Contains("at most 5 images per request", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_with_tools_and_images_to_a_text_only_model_are_refused()
    {
        ChatMessage[] withImage = [new(ChatRole.User, [new DataContent(Png, "image/png")])];
        AIFunction tool = AIFunctionFactory.Create(() => "x", "noop");

        var withTools = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync(withImage, new ChatOptions { Tools = [tool] }));
        var textOnly = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx007).GetResponseAsync(withImage));

        Assert.Contains("Images cannot be combined with ChatOptions.Tools", withTools.Message, StringComparison.Ordinal);
        Assert.Contains("HCX-007 does not accept images", textOnly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_image_formats_and_non_image_files_are_refused_naming_the_media_type()
    {
        var gif = await Refusal.BeforeSendingAsync<NotSupportedException>(client => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync([new ChatMessage(ChatRole.User, [new DataContent(Png, "image/gif")])]));
        var pdf = await Refusal.BeforeSendingAsync<NotSupportedException>(client => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync([new ChatMessage(ChatRole.User, [new DataContent(Png, "application/pdf")])]));

        Assert.Contains("'image/gif'", gif.Message, StringComparison.Ordinal);
        Assert.Contains("'application/pdf'", pdf.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_over_20_MB_is_refused_before_it_is_encoded_and_sent()
    {
        var big = new byte[(20 * 1024 * 1024) + 1];

        var error = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync([new ChatMessage(ChatRole.User, [new DataContent(big, "image/png")])]));

        Assert.Contains("at most 20 MB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_in_an_assistant_message_is_refused()
    {
        var error = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync([new ChatMessage(ChatRole.Assistant, [new DataContent(Png, "image/png")])]));

        Assert.Contains("only in user messages", error.Message, StringComparison.Ordinal);
    }
}
