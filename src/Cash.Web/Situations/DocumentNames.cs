using System.Text;
using Cash.Web.Domain.Situations;

namespace Cash.Web.Situations;

/// <summary>
/// A document's name: kept as it was handed over (encrypted: a name can name a child), but never
/// trusted. What the browser says is cut to a plain file name without control characters; what goes
/// back in a download's <c>Content-Disposition</c> is built again from letters, digits and a few
/// signs, with the extension of the type recognised from the bytes, never the one it came with.
/// </summary>
public static class DocumentNames
{
    private const int MaxDownloadStemLength = 100;

    /// <summary>The name to keep from what the browser sent: the last path segment, without control characters, at most <see cref="SituationDocument.MaxNameLength"/>.</summary>
    public static string FromUpload(string? clientName)
    {
        // Some browsers send the whole path of the file on the sender's machine.
        var last = (clientName ?? "").Replace('\\', '/').Split('/')[^1];
        var clean = new string([.. last.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length <= SituationDocument.MaxNameLength ? clean : clean[..SituationDocument.MaxNameLength];
    }

    /// <summary>The name a download is offered under: the kept name's stem made safe, or <c>document</c>, and the type's own extension.</summary>
    public static string ForDownload(string? keptName, SituationDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var stem = keptName ?? "";
        var dot = stem.LastIndexOf('.');
        if (dot > 0)
        {
            stem = stem[..dot];
        }

        var safe = new StringBuilder(stem.Length);
        foreach (var c in stem.Normalize(NormalizationForm.FormC))
        {
            safe.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' ? c : '_');
        }

        var name = safe.ToString().Trim(' ', '_');
        if (name.Length > MaxDownloadStemLength)
        {
            name = name[..MaxDownloadStemLength].TrimEnd(' ', '_');
        }

        return (name.Length == 0 ? "document" : name) + document.Extension;
    }
}
