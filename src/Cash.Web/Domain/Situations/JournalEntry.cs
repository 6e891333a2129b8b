using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Situations;

/// <summary>
/// A dated entry in a situation's journal: a contact, an interview, a call, a meeting, a class
/// action, a note (or a severity change with its reason). Its <see cref="Tier"/> says who reads it:
/// every involved service, or only the author's service. Nothing is edited in place: a correction
/// is a new entry that points to the one it corrects (<see cref="CorrectsId"/>). The text is
/// encrypted, bound to the entry, its situation and its author's service.
/// </summary>
public sealed class JournalEntry : IAuditedRecord
{
    private JournalEntry()
    {
    }

    public JournalEntry(Guid id, Guid situationId, JournalKind kind, SharingTier tier, int authorServiceId, Guid authorId, DateOnly happenedOn, DateTimeOffset at, Guid? correctsId = null)
    {
        if (!Enum.IsDefined(kind) || !Enum.IsDefined(tier))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        Id = id;
        SituationId = situationId;
        Kind = kind;
        Tier = tier;
        AuthorServiceId = authorServiceId;
        AuthorId = authorId;
        HappenedOn = happenedOn;
        WrittenAt = at;
        CorrectsId = correctsId;
    }

    public Guid Id { get; private set; }

    public Guid SituationId { get; private set; }

    public JournalKind Kind { get; private set; }

    public SharingTier Tier { get; private set; }

    public int AuthorServiceId { get; private set; }

    public Guid AuthorId { get; private set; }

    /// <summary>The day it happened (an interview last Tuesday is written today).</summary>
    public DateOnly HappenedOn { get; private set; }

    public DateTimeOffset WrittenAt { get; private set; }

    /// <summary>The entry this one corrects; the corrected entry stays as it was.</summary>
    public Guid? CorrectsId { get; private set; }

    /// <summary>For the access rule, which reads the situation's involved services in the query.</summary>
    public Situation? Situation { get; private set; }

    /// <summary>The text, encrypted; null once erased.</summary>
    public byte[]? Text { get; set; }

    string IAuditedRecord.AuditId => Id.ToString();

    /// <summary>The entry that records a severity change and its reason, shared with every involved service.</summary>
    public static JournalEntry SeverityChanged(Guid id, Guid situationId, int authorServiceId, Guid authorId, DateOnly today, DateTimeOffset at) =>
        new(id, situationId, JournalKind.SeverityChange, SharingTier.Shared, authorServiceId, authorId, today, at);

    public void Erase() => Text = null;
}
