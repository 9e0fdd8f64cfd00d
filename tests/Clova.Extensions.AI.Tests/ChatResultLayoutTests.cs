using System.Text;
using Clova.Wire;

namespace Clova.Tests;

/// <summary>
/// Issue 17: a chat result keeps its message's members inline and its numbers packed. It must still read every
/// shape the way the two-object layout did.
/// </summary>
public sealed class ChatResultLayoutTests
{
    [Fact]
    public void A_repeated_message_member_replaces_the_earlier_one_whole_tool_calls_included()
    {
        ClovaChatResult result = Read("""{"message":{"role":"assistant","content":"a","toolCalls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":{}}}]},"message":{"content":"b"}}""");

        Assert.True(result.HasMessage);
        Assert.Equal("b", result.Content);
        Assert.Null(result.Role);
        Assert.Null(result.ToolCalls);
        Assert.Equal("b", result.Message!.Content);
    }

    [Fact]
    public void A_null_message_after_one_leaves_no_message_and_no_text()
    {
        ClovaChatResult result = Read("""{"message":{"content":"a","thinkingContent":"t"},"message":null}""");

        Assert.False(result.HasMessage);
        Assert.Null(result.Message);
        Assert.Null(result.Content);
        Assert.Null(result.ThinkingContent);
    }

    [Fact]
    public void Absent_null_zero_and_negative_numbers_read_as_themselves()
    {
        ClovaChatResult absent = Read("""{"message":{"content":"x"}}""");
        ClovaChatResult values = Read("""{"created":-5,"seed":0,"inputLength":3,"outputLength":null}""");

        Assert.Null(absent.Created);
        Assert.Null(absent.Seed);
        Assert.Equal(-5, values.Created);
        Assert.Equal(0, values.Seed);
        Assert.Equal(3, values.InputLength);
        Assert.Null(values.OutputLength);
        Assert.Null(Read("""{"seed":7,"seed":null}""").Seed);
    }

    [Fact]
    public void The_message_object_is_made_once_and_carries_every_member()
    {
        ClovaChatResult result = Read("""{"message":{"role":"assistant","content":"답","thinkingContent":"생각","toolCalls":[{"id":"call_9","type":"function","function":{"name":"g","arguments":{"a":1}}}]},"usage":{"promptTokens":1,"completionTokens":2,"totalTokens":3},"stopReason":"length"}""");

        ClovaResponseMessage message = result.Message!;

        Assert.Same(message, result.Message);
        Assert.Equal(("assistant", "답", "생각"), (message.Role, message.Content, message.ThinkingContent));
        Assert.Equal("call_9", Assert.Single(message.ToolCalls!).Id);
        Assert.Equal(3, result.Usage!.TotalTokens);
        Assert.Equal("length", result.StopReason);
    }

    private static ClovaChatResult Read(string json) => ClovaChatResultConverter.ReadResult(Encoding.UTF8.GetBytes(json))!;
}
