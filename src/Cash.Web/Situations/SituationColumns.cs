using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Situations;

/// <summary>
/// The situations' encrypted columns, each declared once (see HelpColumns for the recipe). Every
/// value is bound to its row and to the situation it belongs to, so a value copied into another
/// situation does not decrypt; a journal entry is bound as well to its author's service and to
/// its sharing tier, so an entry kept for one service and turned "shared" in the database no
/// longer opens for anyone, and a referral's texts to the service it is addressed to.
/// </summary>
public static class SituationColumns
{
    public static readonly EncryptedColumn<Situation, Guid, Guid, byte[]> SummaryColumn =
        EncryptedColumn.Bytes<Situation, Guid, Guid>("Situations", "Summary", key: s => s.Id, belongsTo: s => s.Id, owner: Owner, value: s => s.Summary);

    public static readonly EncryptedColumn<InvolvedPerson, Guid, Guid, byte[]> PseudonymColumn =
        EncryptedColumn.Bytes<InvolvedPerson, Guid, Guid>("InvolvedPeople", "Pseudonym", key: p => p.Id, belongsTo: p => p.SituationId, owner: Owner, value: p => p.Pseudonym);

    public static readonly EncryptedColumn<InvolvedPerson, Guid, Guid, byte[]> IdentityColumn =
        EncryptedColumn.Bytes<InvolvedPerson, Guid, Guid>("InvolvedPeople", "Identity", key: p => p.Id, belongsTo: p => p.SituationId, owner: Owner, value: p => p.Identity);

    public static readonly EncryptedColumn<JournalEntry, Guid, EntryOwner, byte[]> EntryTextColumn =
        EncryptedColumn.Bytes<JournalEntry, Guid, EntryOwner>(
            "JournalEntries",
            "Text",
            key: e => e.Id,
            belongsTo: e => new EntryOwner(e.SituationId, e.AuthorServiceId, e.Tier),
            owner: o => $"{Owner(o.SituationId)}/{o.AuthorServiceId}/{o.Tier}",
            value: e => e.Text);

    public static readonly EncryptedColumn<Referral, Guid, ReferralOwner, byte[]> ReferralRequestColumn = ReferralText("Request", r => r.Request);

    public static readonly EncryptedColumn<Referral, Guid, ReferralOwner, byte[]> ReferralJustificationColumn = ReferralText("Justification", r => r.Justification);

    public static readonly EncryptedColumn<Referral, Guid, ReferralOwner, byte[]> ReferralDeclineReasonColumn = ReferralText("DeclineReason", r => r.DeclineReason);

    public static readonly EncryptedColumn<SituationDocument, Guid, Guid, byte[]> DocumentNameColumn =
        EncryptedColumn.Bytes<SituationDocument, Guid, Guid>("SituationDocuments", "Name", key: d => d.Id, belongsTo: d => d.SituationId, owner: Owner, value: d => d.Name);

    public static readonly EncryptedColumn<SituationDocument, Guid, Guid, byte[]> DocumentContentColumn =
        EncryptedColumn.Bytes<SituationDocument, Guid, Guid>("SituationDocuments", "Content", key: d => d.Id, belongsTo: d => d.SituationId, owner: Owner, value: d => d.Content);

    public static IReadOnlyList<IEncryptedColumn> All { get; } =
    [
        SummaryColumn, PseudonymColumn, IdentityColumn, EntryTextColumn,
        ReferralRequestColumn, ReferralJustificationColumn, ReferralDeclineReasonColumn,
        DocumentNameColumn, DocumentContentColumn,
    ];

    public static FieldBinding Summary(Guid situationId) => SummaryColumn.Binding(situationId, situationId);

    public static FieldBinding Pseudonym(Guid personId, Guid situationId) => PseudonymColumn.Binding(personId, situationId);

    public static FieldBinding Identity(Guid personId, Guid situationId) => IdentityColumn.Binding(personId, situationId);

    public static FieldBinding EntryText(Guid entryId, Guid situationId, int authorServiceId, SharingTier tier) =>
        EntryTextColumn.Binding(entryId, new EntryOwner(situationId, authorServiceId, tier));

    public static FieldBinding EntryText(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return EntryText(entry.Id, entry.SituationId, entry.AuthorServiceId, entry.Tier);
    }

    public static FieldBinding ReferralRequest(Guid referralId, Guid situationId, int toServiceId) =>
        ReferralRequestColumn.Binding(referralId, new ReferralOwner(situationId, toServiceId));

    public static FieldBinding ReferralJustification(Guid referralId, Guid situationId, int toServiceId) =>
        ReferralJustificationColumn.Binding(referralId, new ReferralOwner(situationId, toServiceId));

    public static FieldBinding ReferralDeclineReason(Guid referralId, Guid situationId, int toServiceId) =>
        ReferralDeclineReasonColumn.Binding(referralId, new ReferralOwner(situationId, toServiceId));

    public static FieldBinding DocumentName(Guid documentId, Guid situationId) => DocumentNameColumn.Binding(documentId, situationId);

    public static FieldBinding DocumentContent(Guid documentId, Guid situationId) => DocumentContentColumn.Binding(documentId, situationId);

    private static EncryptedColumn<Referral, Guid, ReferralOwner, byte[]> ReferralText(string column, System.Linq.Expressions.Expression<Func<Referral, byte[]?>> value) =>
        EncryptedColumn.Bytes<Referral, Guid, ReferralOwner>(
            "Referrals",
            column,
            key: r => r.Id,
            belongsTo: r => new ReferralOwner(r.SituationId, r.ToServiceId),
            owner: o => $"{Owner(o.SituationId)}/to/{o.ToServiceId}",
            value: value);

    private static string Owner(Guid situationId) => $"Situations/{situationId:D}";

    /// <summary>Whose a journal entry is: its situation, its author's service, and who may read it.</summary>
    public sealed record EntryOwner(Guid SituationId, int AuthorServiceId, SharingTier Tier);

    /// <summary>Whose a referral's texts are: its situation and the service it is addressed to.</summary>
    public sealed record ReferralOwner(Guid SituationId, int ToServiceId);
}
