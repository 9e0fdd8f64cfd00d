namespace Clova.Wire;

/// <summary>The holder of inline image bytes: <c>{"data":"&lt;base64&gt;"}</c>.</summary>
internal sealed class ClovaDataUri
{
    public string Data { get; set; } = "";
}
