using System.IO.Compression;
using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Tools;

/// <summary>The kinds of file a tool may carry, recognised from their bytes.</summary>
public enum ToolFileType
{
    Pdf,
    Png,
    Jpeg,
    Docx,
    Xlsx,
    Pptx,
    Odt,
}

/// <summary>
/// A file of a tool (its booklet, a poster, a worksheet): PDF, PNG, JPEG, or an office document
/// (docx, xlsx, pptx, odt), at most <see cref="MaxBytes"/>, its type recognised from its bytes and
/// never from its name or the type the browser claims. Stored in the database with the tool, encrypted:
/// a file meant for a class may still, by mistake, name a pupil.
/// </summary>
public sealed class ToolFile : IAuditedRecord
{
    public const int MaxBytes = 25 * 1024 * 1024;

    public const int MaxTitleLength = 200;

    public const int MaxNameLength = 200;

    private ToolFile()
    {
    }

    /// <param name="length">The file's size in bytes, as uploaded.</param>
    /// <param name="content">The file, already encrypted under <c>ToolColumns.FileContent</c> (nothing here can tell what a file holds).</param>
    public ToolFile(Guid id, Guid toolId, string title, string name, ToolFileType type, int length, byte[] content, int uploadedByService, Guid uploadedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (length is <= 0 or > MaxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        Id = id;
        ToolId = toolId;
        Title = title;
        Name = name;
        Type = type;
        Length = length;
        Content = content;
        UploadedByService = uploadedByService;
        UploadedBy = uploadedBy;
        UploadedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid ToolId { get; private set; }

    /// <summary>For the access rule's queries only.</summary>
    public Tool? Tool { get; private set; }

    /// <summary>What the file is, as the uploader calls it ("Carnet de l'animateur").</summary>
    public string Title { get; private set; } = "";

    /// <summary>The file's name as it was handed over, cleaned.</summary>
    public string Name { get; private set; } = "";

    public ToolFileType Type { get; private set; }

    public int Length { get; private set; }

    /// <summary>The file, encrypted and bound to this file and its tool.</summary>
    public byte[] Content { get; private set; } = [];

    public int UploadedByService { get; private set; }

    public Guid UploadedBy { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    string IAuditedRecord.AuditId => Id.ToString();

    public string ContentType => ContentTypeOf(Type);

    public string Extension => Type switch
    {
        ToolFileType.Pdf => ".pdf",
        ToolFileType.Png => ".png",
        ToolFileType.Jpeg => ".jpg",
        ToolFileType.Docx => ".docx",
        ToolFileType.Xlsx => ".xlsx",
        ToolFileType.Pptx => ".pptx",
        _ => ".odt",
    };

    public static string ContentTypeOf(ToolFileType type) => type switch
    {
        ToolFileType.Pdf => "application/pdf",
        ToolFileType.Png => "image/png",
        ToolFileType.Jpeg => "image/jpeg",
        ToolFileType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ToolFileType.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ToolFileType.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/vnd.oasis.opendocument.text",
    };

    /// <summary>
    /// The type of a file from its bytes; null for anything else (an executable, HTML, a PNG named
    /// .pdf is a PNG). An office document is a zip whose entries say which: Office Open XML has
    /// <c>[Content_Types].xml</c> and its main part; OpenDocument text starts with a stored
    /// <c>mimetype</c> entry naming it. Only the zip's directory and that small entry are read.
    /// </summary>
    public static ToolFileType? Recognise(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        ReadOnlySpan<byte> head = content;
        if (head.StartsWith("%PDF-"u8))
        {
            return ToolFileType.Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ToolFileType.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ToolFileType.Jpeg;
        }

        return head.StartsWith("PK\u0003\u0004"u8) ? RecogniseZip(content) : null;
    }

    private static ToolFileType? RecogniseZip(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (names.Contains("[Content_Types].xml"))
            {
                return names.Contains("word/document.xml") ? ToolFileType.Docx
                    : names.Contains("xl/workbook.xml") ? ToolFileType.Xlsx
                    : names.Contains("ppt/presentation.xml") ? ToolFileType.Pptx
                    : null;
            }

            var mimetype = zip.GetEntry("mimetype");
            if (mimetype is null || mimetype.Length > 100 || !names.Contains("content.xml"))
            {
                return null;
            }

            using var reader = new StreamReader(mimetype.Open());
            return reader.ReadToEnd().Trim() == "application/vnd.oasis.opendocument.text" ? ToolFileType.Odt : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
