using System.Linq.Expressions;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>The actions on a situation and on what it holds, decided by the rules below.</summary>
public static class SituationOperations
{
    /// <summary>The metadata: reference, school, severity, status, services, dates, number of entries.</summary>
    public static readonly OperationAuthorizationRequirement ViewMetadata = new() { Name = nameof(ViewMetadata) };

    /// <summary>The content: summary, people (pseudonyms), journal, documents. Every read is audited.</summary>
    public static readonly OperationAuthorizationRequirement View = CashOperations.View;

    /// <summary>Writing to it: journal entries, people, documents, consents, referrals.</summary>
    public static readonly OperationAuthorizationRequirement Contribute = new() { Name = nameof(Contribute) };

    /// <summary>What only the lead service does: details, severity, closing and reopening, withdrawing a consent, "who saw this file".</summary>
    public static readonly OperationAuthorizationRequirement Lead = new() { Name = nameof(Lead) };

    /// <summary>A person's identity (names, birth date, contacts).</summary>
    public static readonly OperationAuthorizationRequirement ViewIdentity = new() { Name = nameof(ViewIdentity) };

    /// <summary>Accepting or declining a referral: the service it is addressed to, while it waits.</summary>
    public static readonly OperationAuthorizationRequirement Decide = new() { Name = nameof(Decide) };
}

/// <summary>
/// Need to know (PRODUCT.md, principle 1): a situation's content is for the members of the services
/// involved in it, read from the <see cref="InvolvedService"/> join table; a service whose consent
/// was withdrawn has left it and sees nothing. A coordinator whose service is not involved sees the
/// metadata only; an administrator sees nothing by role alone. The pages answer 404 to everyone else.
/// </summary>
public sealed class SituationAccess : AccessRule<Situation>
{
    public static readonly SituationAccess Rule = new();

    public override Expression<Func<Situation, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
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
            nameof(SituationOperations.ViewMetadata) => s => coordinator || s.Services.Any(i => i.PartnerServiceId == serviceId && i.EndedAt == null),
            nameof(SituationOperations.View) or nameof(SituationOperations.Contribute) =>
                s => s.Services.Any(i => i.PartnerServiceId == serviceId && i.EndedAt == null),
            nameof(SituationOperations.Lead) => s => s.LeadServiceId == serviceId,
            _ => Nothing,
        };
    }
}

/// <summary>
/// A person of a situation: seen (by pseudonym) by every involved service; their identity only by the
/// lead service, and by an involved service that holds an active consent for this very person that
/// covers identities (consent is per person: one child's agreement opens nobody else's name).
/// </summary>
public sealed class InvolvedPersonAccess : AccessRule<InvolvedPerson>
{
    public static readonly InvolvedPersonAccess Rule = new();

    public override Expression<Func<InvolvedPerson, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(operation);
        var serviceId = viewer.ServiceId;
        if (serviceId is null)
        {
            return Nothing;
        }

        return operation.Name switch
        {
            nameof(SituationOperations.View) or nameof(SituationOperations.Contribute) =>
                p => p.Situation!.Services.Any(i => i.PartnerServiceId == serviceId && i.EndedAt == null),
            nameof(SituationOperations.ViewIdentity) =>
                p => p.Situation!.Services.Any(i => i.PartnerServiceId == serviceId && i.EndedAt == null)
                    && (p.Situation.LeadServiceId == serviceId
                        || p.Consents.Any(c => c.ServiceId == serviceId && c.WithdrawnAt == null && (c.Scope & ConsentScope.SeeIdentities) == ConsentScope.SeeIdentities)),
            _ => Nothing,
        };
    }
}

/// <summary>
/// A journal entry: read by the involved services when shared, by its author's service alone when
/// kept to "my service only" (on every page, list, count and export that reads entries through it).
/// </summary>
public sealed class JournalEntryAccess : AccessRule<JournalEntry>
{
    public static readonly JournalEntryAccess Rule = new();

    public override Expression<Func<JournalEntry, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(operation);
        var serviceId = viewer.ServiceId;
        if (serviceId is null)
        {
            return Nothing;
        }

        return operation.Name switch
        {
            nameof(SituationOperations.View) =>
                e => e.Situation!.Services.Any(i => i.PartnerServiceId == serviceId && i.EndedAt == null)
                    && (e.Tier == SharingTier.Shared || e.AuthorServiceId == serviceId),

            // A correction is written by the service that wrote the entry.
            nameof(SituationOperations.Contribute) =>
                e => e.Situation!.Services.Any(i => i.PartnerServiceId == serviceId && i.EndedAt == null) && e.AuthorServiceId == serviceId,
            _ => Nothing,
        };
    }
}

/// <summary>A document: for the involved services, like the rest of the content.</summary>
public sealed class SituationDocumentAccess : AccessRule<SituationDocument>
{
    public static readonly SituationDocumentAccess Rule = new();

    public override Expression<Func<SituationDocument, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(operation);
        var serviceId = viewer.ServiceId;
        if (serviceId is null)
        {
            return Nothing;
        }

        return operation.Name switch
        {
            nameof(SituationOperations.View) => d => d.Situation!.Services.Any(i => i.PartnerServiceId == serviceId && i.EndedAt == null),
            _ => Nothing,
        };
    }
}

/// <summary>
/// A referral: seen by the services involved in its situation, and by the service it is addressed to
/// while it waits (which needs the request to decide, and sees nothing else of the situation before it
/// accepts); decided by that service only while it waits. Once declined or withdrawn it is no longer
/// the receiving service's to see, unless that service is involved: a service whose consent was
/// withdrawn gets 404 here too.
/// </summary>
public sealed class ReferralAccess : AccessRule<Referral>
{
    public static readonly ReferralAccess Rule = new();

    public override Expression<Func<Referral, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(operation);
        var serviceId = viewer.ServiceId;
        if (serviceId is null)
        {
            return Nothing;
        }

        return operation.Name switch
        {
            nameof(SituationOperations.View) =>
                r => (r.ToServiceId == serviceId && r.Status == ReferralStatus.Pending)
                    || r.Situation!.Services.Any(i => i.PartnerServiceId == serviceId && i.EndedAt == null),
            nameof(SituationOperations.Decide) => r => r.ToServiceId == serviceId && r.Status == ReferralStatus.Pending,
            _ => Nothing,
        };
    }
}
