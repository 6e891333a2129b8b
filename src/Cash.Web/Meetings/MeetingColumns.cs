using Cash.Web.Domain.Meetings;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Meetings;

/// <summary>
/// The meetings' encrypted columns (see HelpColumns for the recipe): the minutes bound to their
/// meeting, an agenda item's notes to the item and its meeting, a decision's text to the decision,
/// its meeting and the service it goes to. A value copied elsewhere no longer decrypts.
/// </summary>
public static class MeetingColumns
{
    public static readonly EncryptedColumn<Meeting, Guid, Guid, byte[]> MinutesColumn =
        EncryptedColumn.Bytes<Meeting, Guid, Guid>("Meetings", "Minutes", key: m => m.Id, belongsTo: m => m.Id, owner: Owner, value: m => m.Minutes);

    public static readonly EncryptedColumn<AgendaItem, Guid, Guid, byte[]> AgendaNotesColumn =
        EncryptedColumn.Bytes<AgendaItem, Guid, Guid>("AgendaItems", "Notes", key: i => i.Id, belongsTo: i => i.MeetingId, owner: Owner, value: i => i.Notes);

    public static readonly EncryptedColumn<MeetingDecision, Guid, DecisionOwner, byte[]> DecisionTextColumn =
        EncryptedColumn.Bytes<MeetingDecision, Guid, DecisionOwner>(
            "MeetingDecisions",
            "Text",
            key: d => d.Id,
            belongsTo: d => new DecisionOwner(d.MeetingId, d.ServiceId),
            owner: o => $"{Owner(o.MeetingId)}/Services/{o.ServiceId}",
            value: d => d.Text);

    public static IReadOnlyList<IEncryptedColumn> All { get; } = [MinutesColumn, AgendaNotesColumn, DecisionTextColumn];

    public static FieldBinding Minutes(Guid meetingId) => MinutesColumn.Binding(meetingId, meetingId);

    public static FieldBinding AgendaNotes(Guid itemId, Guid meetingId) => AgendaNotesColumn.Binding(itemId, meetingId);

    public static FieldBinding DecisionText(Guid decisionId, Guid meetingId, int serviceId) =>
        DecisionTextColumn.Binding(decisionId, new DecisionOwner(meetingId, serviceId));

    private static string Owner(Guid meetingId) => $"Meetings/{meetingId:D}";

    /// <summary>What a decision's text is bound to besides the decision: its meeting and the service it goes to.</summary>
    public sealed record DecisionOwner(Guid MeetingId, int ServiceId);
}
