using Cash.Web.Domain.Tools;

namespace Cash.Web.Tools;

/// <summary>Why a file was refused.</summary>
public enum UploadRefusal
{
    Missing,
    TooLarge,
    WrongType,

    /// <summary>The bytes are of one accepted type and the name says another (a PNG named .pdf).</summary>
    NameMismatch,
}

/// <summary>
/// Reads an uploaded file for a tool without trusting what the request says about it: its declared
/// length is checked first, then at most <see cref="ToolFile.MaxBytes"/> plus one byte are read from
/// the stream, so a file larger than announced is refused before it is read whole; the type comes
/// from the bytes (<see cref="ToolFile.Recognise"/>), never from the name or the browser's type; a name that
/// announces another accepted type than the bytes is refused too.
/// </summary>
public static class ToolUploads
{
    public static async Task<(byte[]? Content, ToolFileType? Type, UploadRefusal? Refusal)> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, null, UploadRefusal.Missing);
        }

        if (file.Length > ToolFile.MaxBytes)
        {
            return (null, null, UploadRefusal.TooLarge);
        }

        await using var stream = file.OpenReadStream();
        var content = await ReadAtMostAsync(stream, ToolFile.MaxBytes, cancellationToken);
        if (content is null)
        {
            return (null, null, UploadRefusal.TooLarge);
        }

        if (content.Length == 0)
        {
            return (null, null, UploadRefusal.Missing);
        }

        if (ToolFile.Recognise(content) is not { } type)
        {
            return (null, null, UploadRefusal.WrongType);
        }

        // The bytes decide; a name that says otherwise means the person picked the wrong file, or someone disguised one.
        return NamedType(file.FileName) is { } named && named != type ? (null, null, UploadRefusal.NameMismatch) : (content, type, null);
    }

    /// <summary>The accepted type a file's name announces by its extension; null for another or no extension.</summary>
    public static ToolFileType? NamedType(string? name) =>
        Path.GetExtension(name ?? "").ToUpperInvariant() switch
        {
            ".PDF" => ToolFileType.Pdf,
            ".PNG" => ToolFileType.Png,
            ".JPG" or ".JPEG" => ToolFileType.Jpeg,
            ".DOCX" => ToolFileType.Docx,
            ".XLSX" => ToolFileType.Xlsx,
            ".PPTX" => ToolFileType.Pptx,
            ".ODT" => ToolFileType.Odt,
            _ => null,
        };

    /// <summary>The stream's bytes, or null as soon as it holds more than <paramref name="max"/>: never more than <paramref name="max"/> + 1 bytes are read.</summary>
    public static async Task<byte[]?> ReadAtMostAsync(Stream stream, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        long total = 0;
        while (true)
        {
            var wanted = (int)Math.Min(chunk.Length, max + 1L - total);
            var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            total += read;
            if (total > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }
    }

    /// <summary>The name to keep from what the browser sent: the last path segment, without control characters.</summary>
    public static string NameFromUpload(string? clientName)
    {
        var last = (clientName ?? "").Replace('\\', '/').Split('/')[^1];
        var clean = new string([.. last.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length <= ToolFile.MaxNameLength ? clean : clean[..ToolFile.MaxNameLength];
    }

    /// <summary>The name a download is offered under: the kept name's stem in safe characters, and the recognised type's extension.</summary>
    public static string NameForDownload(ToolFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var stem = file.Name;
        var dot = stem.LastIndexOf('.');
        if (dot > 0)
        {
            stem = stem[..dot];
        }

        var safe = new string([.. stem.Normalize(System.Text.NormalizationForm.FormC).Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' ? c : '_')]).Trim(' ', '_');
        if (safe.Length > 100)
        {
            safe = safe[..100].TrimEnd(' ', '_');
        }

        return (safe.Length == 0 ? "fichier" : safe) + file.Extension;
    }
}
