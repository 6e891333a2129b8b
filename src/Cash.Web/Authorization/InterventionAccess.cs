using System.Linq.Expressions;
using Cash.Web.Domain.Interventions;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>The actions on a joint intervention, decided by <see cref="InterventionAccess"/>.</summary>
public static class InterventionOperations
{
    /// <summary>Its metadata: school, classes, date and times, tool, services and their answers, status, pupils reached.</summary>
    public static readonly OperationAuthorizationRequirement ViewMetadata = new() { Name = nameof(ViewMetadata) };

    /// <summary>Its texts: the plan, what was done, the follow-up, the reasons for declining. Every read is audited.</summary>
    public static readonly OperationAuthorizationRequirement View = CashOperations.View;

    /// <summary>What the organising service does: edit, invite, report, cancel.</summary>
    public static readonly OperationAuthorizationRequirement Organise = new() { Name = nameof(Organise) };

    /// <summary>Confirming or declining, by an invited service for itself (never for another).</summary>
    public static readonly OperationAuthorizationRequirement Answer = new() { Name = nameof(Answer) };
}

/// <summary>
/// Who sees and changes a joint intervention. The services taking part (the organiser, and every
/// service invited or confirmed; one that declined no longer does) see all of it, texts included:
/// the plan is written for them. A coordinator sees every intervention's metadata (the network's
/// picture: where, when, who), and its texts only when it is linked to no situation or to one their
/// service is involved in (need to know: a plan or report about a situation is part of that
/// situation). Which situation it answers is shown by its content only to those
/// <see cref="SituationAccess"/> lets view it, by its reference to the others (the pages ask that rule).
/// The organising service edits, invites, reports and cancels; an invited service answers for
/// itself. An administrator sees nothing by role alone.
/// </summary>
public sealed class InterventionAccess : AccessRule<Intervention>
{
    public static readonly InterventionAccess Rule = new();

    public override Expression<Func<Intervention, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(operation);
        var serviceId = viewer.ServiceId;
        var coordinator = viewer.Is(ProRole.Coordinator);
        if (serviceId is null && !coordinator)
        {
            return Nothing;
        }

        return operation.Name switch
        {
            nameof(InterventionOperations.ViewMetadata) => i => coordinator
                || i.OrganiserServiceId == serviceId
                || i.Services.Any(s => s.PartnerServiceId == serviceId && s.Status != ParticipationStatus.Declined),
            // The texts of an intervention on a situation are part of that situation: only a service
            // involved in it now reads them or changes them (the organiser included, once its consent is withdrawn).
            nameof(InterventionOperations.View) => i =>
                (i.SituationId == null || i.Situation!.Services.Any(s => s.PartnerServiceId == serviceId && s.EndedAt == null))
                && (coordinator
                    || i.OrganiserServiceId == serviceId
                    || i.Services.Any(s => s.PartnerServiceId == serviceId && s.Status != ParticipationStatus.Declined)),
            nameof(InterventionOperations.Organise) => i => i.OrganiserServiceId == serviceId
                && (i.SituationId == null || i.Situation!.Services.Any(s => s.PartnerServiceId == serviceId && s.EndedAt == null)),
            nameof(InterventionOperations.Answer) => i => i.OrganiserServiceId != serviceId
                && i.Services.Any(s => s.PartnerServiceId == serviceId && s.Status != ParticipationStatus.Declined),
            _ => Nothing,
        };
    }
}
