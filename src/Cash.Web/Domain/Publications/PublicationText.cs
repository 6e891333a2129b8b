using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Publications;

/// <summary>
/// One version of a printed resource's text (the awareness poster, the class-diary sheet) in one
/// language, written in Markdown by a coordinator. Each save adds a version numbered 1, 2, … per
/// resource and language; a version never changes, and the public page shows the latest.
/// </summary>
public sealed class PublicationText : IAuditedRecord, IPublicContent
{
    public const int MaxMarkdownLength = 8_000;

    private PublicationText()
    {
    }

    public PublicationText(Guid id, PublicationKind kind, string language, int number, string markdown, Guid? savedBy, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        ArgumentNullException.ThrowIfNull(markdown);
        if (!Languages.Contains(language))
        {
            throw new ArgumentOutOfRangeException(nameof(language), "A publication is written in French, Dutch or English.");
        }

        if (number < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(number), "Versions are numbered from 1.");
        }

        if (markdown.Length > MaxMarkdownLength)
        {
            throw new ArgumentOutOfRangeException(nameof(markdown), "The text is too long.");
        }

        Id = id;
        Kind = kind;
        Language = language;
        Number = number;
        Markdown = markdown;
        SavedBy = savedBy;
        SavedAt = at;
    }

    /// <summary>The languages a text is written in; French is the one shown when a translation is missing.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["fr", "nl", "en"];

    public Guid Id { get; private set; }

    public PublicationKind Kind { get; private set; }

    /// <summary>Two letters: <c>fr</c>, <c>nl</c> or <c>en</c>.</summary>
    public string Language { get; private set; } = "fr";

    /// <summary>1, 2, … per kind and language, in the order the versions were saved.</summary>
    public int Number { get; private set; }

    public string Markdown { get; private set; } = "";

    /// <summary>Who saved it; none for the text seeded at installation.</summary>
    public Guid? SavedBy { get; private set; }

    public DateTimeOffset SavedAt { get; private set; }

    string IAuditedRecord.AuditId => Id.ToString();

    string IPublicContent.PublicContentKind => PublicContentKinds.Publications;

    /// <summary>The version that follows this one, with another text.</summary>
    public PublicationText Next(Guid id, string markdown, Guid? by, DateTimeOffset at) => new(id, Kind, Language, Number + 1, markdown, by, at);
}

/// <summary>The printed resources whose text the coordinators write.</summary>
public enum PublicationKind
{
    /// <summary>The awareness poster (A4 and A3).</summary>
    Poster = 0,

    /// <summary>The class-diary information sheet (A5 and A6), followed by the directory's services.</summary>
    ClassDiarySheet = 1,
}
