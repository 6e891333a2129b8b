using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Situations;

/// <summary>
/// A file handed over for a situation (a report, a screenshot): PDF, PNG or JPEG, at most
/// <see cref="MaxBytes"/>, its type recognised from its first bytes, never its name. The name and
/// the content are encrypted in the database, bound to this document and situation; it is only
/// ever downloaded as an attachment, and each download is audited.
/// </summary>
public sealed class SituationDocument : IAuditedRecord
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public const int MaxNameLength = 200;

    private SituationDocument()
    {
    }

    public SituationDocument(Guid id, Guid situationId, DocumentType type, int length, int uploadedByService, Guid uploadedBy, DateTimeOffset at)
    {
        if (length is <= 0 or > MaxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        Id = id;
        SituationId = situationId;
        Type = type;
        Length = length;
        UploadedByService = uploadedByService;
        UploadedBy = uploadedBy;
        UploadedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid SituationId { get; private set; }

    public DocumentType Type { get; private set; }

    /// <summary>The size in bytes of the file as handed over.</summary>
    public int Length { get; private set; }

    /// <summary>The file's name as handed over, encrypted (a name can name a child).</summary>
    public byte[]? Name { get; set; }

    /// <summary>The file, encrypted; null once erased.</summary>
    public byte[]? Content { get; set; }

    public int UploadedByService { get; private set; }

    public Guid UploadedBy { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public bool IsErased { get; private set; }

    /// <summary>For the access rule, which reads the situation's involved services in the query.</summary>
    public Situation? Situation { get; private set; }

    string IAuditedRecord.AuditId => Id.ToString();

    public string ContentType => Type switch
    {
        DocumentType.Pdf => "application/pdf",
        DocumentType.Png => "image/png",
        _ => "image/jpeg",
    };

    public string Extension => Type switch
    {
        DocumentType.Pdf => ".pdf",
        DocumentType.Png => ".png",
        _ => ".jpg",
    };

    /// <summary>The type of a file from its first bytes; null for anything else (HTML named .png included).</summary>
    public static DocumentType? Recognise(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return DocumentType.Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return DocumentType.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return DocumentType.Jpeg;
        }

        return null;
    }

    public void Erase()
    {
        Name = null;
        Content = null;
        IsErased = true;
    }
}
