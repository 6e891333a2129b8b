using Cash.Web.Data;
using Cash.Web.Domain;
using Cash.Web.Domain.Publications;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Publications;

/// <summary>The latest version of each printed resource's text in each language, as read at one moment.</summary>
public sealed class PublishedTexts
{
    private readonly Dictionary<(PublicationKind, string), PublicationText> latest;

    public PublishedTexts(IEnumerable<PublicationText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        latest = texts
            .GroupBy(t => (t.Kind, t.Language))
            .ToDictionary(g => g.Key, g => g.MaxBy(t => t.Number)!);
    }

    /// <summary>The latest text of <paramref name="kind"/> in <paramref name="language"/>, or the French one when it has none; empty when neither exists.</summary>
    public string MarkdownOf(PublicationKind kind, string language) =>
        (latest.GetValueOrDefault((kind, language)) ?? latest.GetValueOrDefault((kind, "fr")))?.Markdown ?? "";
}

/// <summary>The <see cref="PublishedTexts"/> kept in memory, read again when a coordinator saves a text.</summary>
public sealed class PublishedTextsCache(PublicContentChanges changes, IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly PublicSnapshot<PublishedTexts> snapshot = new(PublicContentKinds.Publications, LoadAsync, changes, scopes, clock);

    public ValueTask<PublishedTexts> GetAsync(CancellationToken cancellationToken) => snapshot.GetAsync(cancellationToken);

    private static async Task<PublishedTexts> LoadAsync(CashDbContext db, CancellationToken cancellationToken)
    {
        // Only the latest version of each kind and language is shown.
        var texts = await db.PublicationTexts.AsNoTracking()
            .Where(t => !db.PublicationTexts.Any(n => n.Kind == t.Kind && n.Language == t.Language && n.Number > t.Number))
            .ToListAsync(cancellationToken);
        return new PublishedTexts(texts);
    }
}
