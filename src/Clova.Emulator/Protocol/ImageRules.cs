using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>
/// Image parts (for models with <see cref="EmulatorModel.Images"/>): <c>{"type":"image_url","imageUrl":{"url"}}</c> or <c>{"type":"image_url","dataUri":{"data"}}</c>.
/// Formats are recognised by their magic bytes. Undecodable base64 is answered with 40060 (an inferred choice
/// among the documented image codes); format with 40000; size and count limits with 40003.
/// </summary>
internal static class ImageRules
{
    /// <summary>The per-image size limit.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>Checks one image part.</summary>
    /// <param name="part">The part.</param>
    /// <param name="where">Its position, for messages.</param>
    public static void Check(JsonObject part, string where)
    {
        if (part["dataUri"] is JsonObject dataUri)
        {
            string data = dataUri["data"] is JsonValue v && v.TryGetValue(out string? s) ? s : "";
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(data);
            }
            catch (FormatException)
            {
                throw new ClovaApiError("40060", $"Invalid image: {where}.dataUri.data is not base64");
            }

            if (bytes.Length is 0 or > MaxBytes)
            {
                throw new ClovaApiError("40003", $"Image limit exceeded: {where} is {bytes.Length} bytes (0 < size <= 20 MB)");
            }

            if (Format(bytes) is null)
            {
                throw new ClovaApiError("40000", $"Bad request: {where} is not a BMP, PNG, JPEG or WEBP image");
            }

            return;
        }

        if (part["imageUrl"] is JsonObject imageUrl && imageUrl["url"] is JsonValue u && u.TryGetValue(out string? url)
            && Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return;
        }

        throw new ClovaApiError("40000", $"Bad request: {where} needs imageUrl.url (http/https) or dataUri.data");
    }

    /// <summary>Recognises BMP, PNG, JPEG and WEBP by their first bytes.</summary>
    /// <param name="bytes">The image.</param>
    /// <returns>The format name, or null.</returns>
    public static string? Format(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47]) ? "png"
        : bytes.StartsWith((byte[])[0xFF, 0xD8, 0xFF]) ? "jpeg"
        : bytes.StartsWith("BM"u8) ? "bmp"
        : bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "webp"
        : null;
}
