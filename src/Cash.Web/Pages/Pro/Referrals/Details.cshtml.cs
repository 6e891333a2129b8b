using System.ComponentModel.DataAnnotations;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Situations;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.Mail;
using Cash.Web.Operations;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Referrals;

/// <summary>
/// One referral (<see cref="ReferralAccess"/>; anyone else gets 404, administrators and coordinators
/// of uninvolved services included). The service it is addressed to reads what is asked, who asks,
/// the situation's metadata (never its summary or people) and what the referral rests on, then
/// accepts — and is involved at the tier the consent allows — or declines with a reason. A decision
/// that races a withdrawal of the consent saves nothing and says so.
/// </summary>
public sealed class DetailsModel(
    CashDbContext db,
    PartnerDirectoryCache directory,
    IAuthorizationService authorization,
    SituationContent content,
    ReferralNotifier notifier,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SituationTexts> text) : PageModel
{
    public const int MaxReasonLength = Situation.MaxReasonLength;

    public DeclineInput Decline { get; private set; } = new();

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public Referral Item { get; private set; } = null!;

    public SituationFacts Facts { get; private set; } = null!;

    public string? RequestText { get; private set; }

    public string? Justification { get; private set; }

    public string? DeclineReason { get; private set; }

    /// <summary>The consent it rests on; null on a legal basis.</summary>
    public Consent? Consent { get; private set; }

    public string FromName { get; private set; } = "";

    public string ToName { get; private set; } = "";

    public string? RequestedBy { get; private set; }

    /// <summary>The receiving service acts only if the young person wishes (the directory says so).</summary>
    public bool ToActsOnlyWithAgreement { get; private set; }

    public bool MayDecide { get; private set; }

    /// <summary>The person's service is involved in the situation, so its pages open.</summary>
    public bool IsInvolved { get; private set; }

    /// <summary>The referral no longer waits for a decision: nothing of it is shown, only that.</summary>
    public bool IsGone { get; private set; }

    /// <summary>The tier an acceptance gives, as <see cref="Referral.Accept"/> decides it.</summary>
    public InvolvementTier TierOnAccept =>
        Consent is { IsActive: true } consent && consent.Scope.HasFlag(ConsentScope.SeeIdentities) ? InvolvementTier.Identities : InvolvementTier.Pseudonyms;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var referral = await FindAsync(id, SituationOperations.View, cancellationToken);
        return referral is null ? NotFound() : await ShowAsync(referral, cancellationToken);
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancellationToken)
    {
        var referral = await FindAsync(id, SituationOperations.Decide, cancellationToken);
        if (referral is null)
        {
            return await NoLongerWaitingAsync(id, cancellationToken);
        }

        var situation = await db.Situations.Include(s => s.Services).SingleAsync(s => s.Id == referral.SituationId, cancellationToken);
        var consent = referral.ConsentId is { } consentId ? await db.Consents.SingleOrDefaultAsync(c => c.Id == consentId, cancellationToken) : null;
        if (situation.IsClosed || situation.IsErased)
        {
            ModelState.AddModelError(string.Empty, text["Referral.Decide.Closed"]);
            return await ShowAsync(referral, cancellationToken);
        }

        if (referral.ConsentId is not null && consent is not { IsActive: true })
        {
            ModelState.AddModelError(string.Empty, text["Referral.Decide.ConsentWithdrawn"]);
            return await ShowAsync(referral, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var tier = referral.Accept(Me, consent, now);
        situation.Involve(referral.ToServiceId, tier, referral.Id, now);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        notifier.Queue(ReferralNotice.ToService(MailKind.ReferralDecided, referral.FromServiceId, new Uri(SiteAddress.For(HttpContext), "/pro/relais")));
        return RedirectToPage(new { id, fait = "acceptee" });
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, [FromForm(Name = nameof(Decline))] DeclineInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var referral = await FindAsync(id, SituationOperations.Decide, cancellationToken);
        if (referral is null)
        {
            return await NoLongerWaitingAsync(id, cancellationToken);
        }

        Decline = input;
        if (!ModelState.IsValid)
        {
            return await ShowAsync(referral, cancellationToken);
        }

        referral.Decline(Me, clock.GetUtcNow());
        referral.DeclineReason = await content.SealDeclineReasonAsync(referral, input.Reason!.Trim(), cancellationToken);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        notifier.Queue(ReferralNotice.ToService(MailKind.ReferralDecided, referral.FromServiceId, new Uri(SiteAddress.For(HttpContext), "/pro/relais")));

        // Declined, the referral is no longer the service's to see (unless it is involved otherwise): back to the list.
        return await IsAllowedAsync(referral, SituationOperations.View)
            ? RedirectToPage(new { id, fait = "refusee" })
            : RedirectToPage("Index", new { fait = "refusee" });
    }

    private Guid Me => User.ProfessionalId() ?? throw new InvalidOperationException("A signed-in professional has an id.");

    private async Task<Referral?> FindAsync(Guid id, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return referral is not null && await IsAllowedAsync(referral, operation) ? referral : null;
    }

    private async Task<bool> IsAllowedAsync(Referral referral, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, referral, operation)).Succeeded;

    /// <summary>
    /// A decision on a referral that is no longer the service's to decide. Still visible (the service
    /// is involved): the page as it is, with why. Withdrawn or decided meanwhile and addressed to this
    /// service: a 409 that says so and shows nothing of it. Anyone else: 404.
    /// </summary>
    private async Task<IActionResult> NoLongerWaitingAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await FindAsync(id, SituationOperations.View, cancellationToken) is { } visible)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, text["Referral.Decide.NotWaiting"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(visible, cancellationToken);
        }

        var serviceId = User.ServiceId();
        if (serviceId is null || !await db.Referrals.AnyAsync(r => r.Id == id && r.ToServiceId == serviceId, cancellationToken))
        {
            return NotFound();
        }

        IsGone = true;
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, text["Referral.Decide.NotWaiting"]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        ViewData["Section"] = "referrals";
        return Page();
    }

    /// <summary>
    /// Two decisions at once, a decision racing a withdrawal, or the situation changed meanwhile:
    /// nothing of this decision was saved. Still waiting, the page says so and keeps the typed reason.
    /// </summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, CancellationToken cancellationToken)
    {
        var typed = Decline;
        db.ChangeTracker.Clear();
        IActionResult page;
        if (await FindAsync(id, SituationOperations.Decide, cancellationToken) is { } waiting)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, text["Referral.Error.Changed"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            page = await ShowAsync(waiting, cancellationToken);
        }
        else
        {
            page = await NoLongerWaitingAsync(id, cancellationToken);
        }

        Decline = typed;
        return page;
    }

    private async Task<PageResult> ShowAsync(Referral referral, CancellationToken cancellationToken)
    {
        Item = referral;
        var language = CashCultures.CurrentLanguage;
        var services = await directory.GetAsync(cancellationToken);
        FromName = services.NameOf(referral.FromServiceId, language) ?? "";
        ToName = services.NameOf(referral.ToServiceId, language) ?? "";
        ToActsOnlyWithAgreement = services.Find(referral.ToServiceId)?.ActsOnlyWithAgreement == true;
        Facts = await db.Situations.AsNoTracking().Where(s => s.Id == referral.SituationId)
            .Select(s => new SituationFacts(s.Id, s.Reference, s.SchoolId, s.OutsideSchool, s.Severity, s.Forms, s.HappensOnline, s.Status))
            .SingleAsync(cancellationToken);
        if (Facts.SchoolId is { } schoolId)
        {
            Facts = Facts with { SchoolName = await db.Schools.Where(s => s.Id == schoolId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken) };
        }

        RequestedBy = await db.Users.AsNoTracking().Where(p => p.Id == referral.RequestedBy).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken);
        Consent = referral.ConsentId is { } consentId ? await db.Consents.AsNoTracking().SingleOrDefaultAsync(c => c.Id == consentId, cancellationToken) : null;
        RequestText = await content.RequestAsync(referral, cancellationToken);
        Justification = referral.Justification is null ? null : await content.JustificationAsync(referral, cancellationToken);
        DeclineReason = referral.DeclineReason is null ? null : await content.DeclineReasonAsync(referral, cancellationToken);
        MayDecide = await IsAllowedAsync(referral, SituationOperations.Decide);
        var serviceId = User.ServiceId();
        IsInvolved = serviceId is not null && await db.InvolvedServices.AnyAsync(i => i.SituationId == referral.SituationId && i.PartnerServiceId == serviceId && i.EndedAt == null, cancellationToken);
        ViewData["Section"] = "referrals";

        // The request and the justification describe the situation: every display is a read.
        await audit.RecordReadAsync(referral, cancellationToken: cancellationToken);
        return Page();
    }

    /// <summary>What the receiving service sees of the situation before it joins: facts, never the summary or people.</summary>
    public sealed record SituationFacts(Guid Id, string Reference, int? SchoolId, bool OutsideSchool, Severity Severity, Domain.Help.BullyingForm Forms, bool HappensOnline, SituationStatus Status)
    {
        public string? SchoolName { get; init; }
    }

    [MessagesFrom(typeof(SituationTexts))]
    public sealed class DeclineInput
    {
        [Required(ErrorMessage = "Referral.Decline.Reason.Required")]
        [MaxTrimmedLength(MaxReasonLength, ErrorMessage = "Referral.Decline.Reason.TooLong")]
        public string? Reason { get; set; }
    }
}
