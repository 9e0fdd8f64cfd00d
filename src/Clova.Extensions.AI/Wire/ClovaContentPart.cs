namespace Clova.Wire;

/// <summary>
/// One part of array content: <c>{"type":"text","text":…}</c>, or an image as
/// <c>{"type":"image_url","imageUrl":{"url":…}}</c> / <c>{"type":"image_url","dataUri":{"data":…}}</c>
/// (the type value is snake_case, the holders camelCase).
/// </summary>
internal sealed class ClovaContentPart
{
    public const string TextType = "text";
    public const string ImageType = "image_url";

    public string Type { get; set; } = TextType;

    public string? Text { get; set; }

    public ClovaImageUrl? ImageUrl { get; set; }

    public ClovaDataUri? DataUri { get; set; }
}
