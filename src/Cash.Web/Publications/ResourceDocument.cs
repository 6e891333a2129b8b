using System.Security.Cryptography;
using System.Text;

namespace Cash.Web.Publications;

/// <summary>What one block of a printed resource is: the PDF lays each kind out differently.</summary>
public enum BlockKind
{
    Heading,
    Subheading,
    Paragraph,
    Bullet,
    Note,
    Contact,
}

public sealed record PrintBlock(BlockKind Kind, string Text);

/// <summary>A service of the directory as the class-diary sheet lists it, read at the time of printing.</summary>
public sealed record ServiceContact(string Slug, string Name, string WhatWeCanDo, string Phone, string PhoneUri, string Email, bool ActsOnlyWithAgreement);

/// <summary>
/// One resource in one language, as its page and its PDF show it: the same blocks for both, so the
/// <see cref="Version"/> (a digest of everything printed) changes exactly when the text, the procedure
/// or the directory does.
/// </summary>
public sealed record ResourceDocument(
    PrintedResource Resource,
    string Language,
    string Title,
    IReadOnlyList<PrintBlock> Blocks,
    string MarkdownHtml,
    PublishedProcedure? Procedure,
    IReadOnlyList<ServiceContact> Services)
{
    public string Version { get; } = Digest(Resource, Language, Title, Blocks);

    /// <summary>The PDF's address, with the version that keeps a browser from showing an older copy.</summary>
    public string PdfPath(PaperFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return $"/ressources/imprimer/{Resource.Slug()}/{format.Slug}?v={Version}";
    }

    private static string Digest(PrintedResource resource, string language, string title, IReadOnlyList<PrintBlock> blocks)
    {
        var text = new StringBuilder().Append(resource).Append('\n').Append(language).Append('\n').Append(title);
        foreach (var block in blocks)
        {
            text.Append('\n').Append(block.Kind).Append('\t').Append(block.Text);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
