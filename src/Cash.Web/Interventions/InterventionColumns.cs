using Cash.Web.Domain.Interventions;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Interventions;

/// <summary>
/// The interventions' encrypted columns (see HelpColumns for the recipe): the plan, what was done and
/// the follow-up are bound to their intervention and to the situation it answers, so a value copied
/// to another intervention, or an intervention moved to another situation in the database, no longer
/// decrypts; a service's reason for declining is bound to its participation and to the intervention.
/// </summary>
public static class InterventionColumns
{
    public static readonly EncryptedColumn<Intervention, Guid, InterventionOwner, byte[]> PlanColumn = Text("Plan", i => i.Plan);

    public static readonly EncryptedColumn<Intervention, Guid, InterventionOwner, byte[]> ReportTextColumn = Text("ReportText", i => i.ReportText);

    public static readonly EncryptedColumn<Intervention, Guid, InterventionOwner, byte[]> FollowUpColumn = Text("FollowUp", i => i.FollowUp);

    public static readonly EncryptedColumn<InterventionService, Guid, ParticipationOwner, byte[]> DeclineReasonColumn =
        EncryptedColumn.Bytes<InterventionService, Guid, ParticipationOwner>(
            "InterventionServices",
            "DeclineReason",
            key: s => s.Id,
            belongsTo: s => new ParticipationOwner(s.InterventionId, s.PartnerServiceId),
            owner: o => $"Interventions/{o.InterventionId:D}/Services/{o.ServiceId}",
            value: s => s.DeclineReason);

    public static IReadOnlyList<IEncryptedColumn> All { get; } = [PlanColumn, ReportTextColumn, FollowUpColumn, DeclineReasonColumn];

    public static FieldBinding Plan(Intervention intervention) => PlanColumn.Binding(Key(intervention), Owner(intervention));

    public static FieldBinding ReportText(Intervention intervention) => ReportTextColumn.Binding(Key(intervention), Owner(intervention));

    public static FieldBinding FollowUp(Intervention intervention) => FollowUpColumn.Binding(Key(intervention), Owner(intervention));

    public static FieldBinding DeclineReason(InterventionService participation)
    {
        ArgumentNullException.ThrowIfNull(participation);
        return DeclineReasonColumn.Binding(participation.Id, new ParticipationOwner(participation.InterventionId, participation.PartnerServiceId));
    }

    private static Guid Key(Intervention intervention)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        return intervention.Id;
    }

    private static InterventionOwner Owner(Intervention intervention) => new(intervention.SituationId);

    private static EncryptedColumn<Intervention, Guid, InterventionOwner, byte[]> Text(string column, System.Linq.Expressions.Expression<Func<Intervention, byte[]?>> value) =>
        EncryptedColumn.Bytes<Intervention, Guid, InterventionOwner>(
            "Interventions",
            column,
            key: i => i.Id,
            belongsTo: i => new InterventionOwner(i.SituationId),
            owner: o => o.SituationId is { } situation ? $"Situations/{situation:D}" : "Interventions",
            value: value);

    /// <summary>What an intervention's texts are bound to besides the intervention itself: its situation.</summary>
    public sealed record InterventionOwner(Guid? SituationId);

    /// <summary>What a reason for declining is bound to besides its row: the intervention and the service.</summary>
    public sealed record ParticipationOwner(Guid InterventionId, int ServiceId);
}
