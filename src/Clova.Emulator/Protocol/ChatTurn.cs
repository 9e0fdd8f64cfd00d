namespace Clova.Emulator.Protocol;

/// <summary>One conversation message as the emulator understood it.</summary>
/// <param name="Role">system, user, assistant or tool.</param>
/// <param name="Text">The text of the content (string content, or the text parts joined).</param>
public sealed record ChatTurn(string Role, string Text);
