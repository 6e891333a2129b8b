using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
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
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Situations;

/// <summary>
/// A situation's consents and referrals, for the services involved in it (anyone else: 404). A
/// member records a consent (who agreed, for which person, to which service, to what, how, when) and
/// asks another service to join: on an active consent for that service that allows joining, or, only
/// when there is none, on a legal basis with a written justification (the coordinators are told at
/// once). The lead service withdraws a consent: the referrals resting on it are withdrawn and the
/// service it brought in leaves, unless another basis keeps it in (<see cref="ConsentWithdrawal"/>).
/// </summary>
public sealed class ReferralsModel(
    CashDbContext db,
    PartnerDirectoryCache directory,
    IAuthorizationService authorization,
    SituationContent content,
    ReferralNotifier notifier,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SituationTexts> text) : PageModel
{
    public const int MaxRequestLength = Situation.MaxTextLength;

    public const int MaxJustificationLength = Situation.MaxReasonLength;

    /// <summary>The earliest day a consent can be dated: anything before is a typing error.</summary>
    public static readonly DateOnly EarliestConsentDay = new(2000, 1, 1);

    // One form per action, each bound under its own prefix (see the inbox's request page).
    public ConsentInput NewConsent { get; private set; } = new();

    public ReferralInput NewReferral { get; private set; } = new();

    /// <summary>What was just done (post, redirect, get): see the notices of the page.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public Situation Item { get; private set; } = null!;

    public IReadOnlyList<PersonOption> People { get; private set; } = [];

    public IReadOnlyList<ConsentRow> Consents { get; private set; } = [];

    public IReadOnlyList<ReferralRow> Referrals { get; private set; } = [];

    /// <summary>Every service of the directory, for the consent's "to which service".</summary>
    public IReadOnlyList<ServiceOption> Services { get; private set; } = [];

    /// <summary>The services that may be asked to join: those not involved now.</summary>
    public IReadOnlyList<ServiceOption> Targets { get; private set; } = [];

    /// <summary>The active consents that allow a service to join, for the referral to rest on.</summary>
    public IReadOnlyList<ConsentOption> JoinConsents { get; private set; } = [];

    public bool MayContribute { get; private set; }

    public bool MayLead { get; private set; }

    public string ServiceName(int id) => Services.FirstOrDefault(s => s.Id == id)?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        NewConsent = new ConsentInput { GivenOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        return await ShowAsync(situation, cancellationToken);
    }

    public async Task<IActionResult> OnPostConsentAsync(Guid id, [FromForm(Name = nameof(NewConsent))] ConsentInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var situation = await FindAsync(id, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        if (!await IsAllowedAsync(situation, SituationOperations.Contribute))
        {
            return Forbid();
        }

        NewConsent = input;
        const string prefix = nameof(NewConsent) + ".";
        if (situation.IsClosed || situation.IsErased)
        {
            ModelState.AddModelError(prefix + nameof(ConsentInput.PersonId), text["Referral.Error.Closed"]);
        }

        if (input.PersonId is { } personId && !await db.InvolvedPeople.AnyAsync(p => p.Id == personId && p.SituationId == id, cancellationToken))
        {
            ModelState.AddModelError(prefix + nameof(ConsentInput.PersonId), text["Referral.Consent.Person.Required"]);
        }

        if (input.ServiceId is { } serviceId && (await directory.GetAsync(cancellationToken)).Find(serviceId) is null)
        {
            ModelState.AddModelError(prefix + nameof(ConsentInput.ServiceId), text["Referral.Consent.Service.Required"]);
        }

        if (input.Scope == ConsentScope.None && ModelState.GetFieldValidationState(prefix + nameof(ConsentInput.Scope)) != ModelValidationState.Invalid)
        {
            ModelState.AddModelError(prefix + nameof(ConsentInput.Scope), text["Referral.Consent.Scope.Required"]);
        }

        var givenOn = ReadDay(input.GivenOn, prefix + nameof(ConsentInput.GivenOn));
        if (!ModelState.IsValid || givenOn is not { } day)
        {
            return await ShowAsync(situation, cancellationToken);
        }

        var now = clock.GetUtcNow();
        db.Consents.Add(new Consent(Guid.CreateVersion7(), id, input.PersonId!.Value, input.ServiceId!.Value, input.GivenBy!.Value, input.Scope, input.Method!.Value, day, Me, now));
        situation.Touch(now);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, prefix + nameof(ConsentInput.PersonId), cancellationToken);
        }

        return RedirectToPage(new { id, fait = "accord" });
    }

    public async Task<IActionResult> OnPostReferAsync(Guid id, [FromForm(Name = nameof(NewReferral))] ReferralInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var situation = await FindAsync(id, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        if (!await IsAllowedAsync(situation, SituationOperations.Contribute) || User.ServiceId() is not { } fromServiceId)
        {
            return Forbid();
        }

        NewReferral = input;
        const string prefix = nameof(NewReferral) + ".";
        if (situation.IsClosed || situation.IsErased)
        {
            ModelState.AddModelError(prefix + nameof(ReferralInput.ServiceId), text["Referral.Error.Closed"]);
        }

        if (input.ServiceId is { } target)
        {
            if ((await directory.GetAsync(cancellationToken)).Find(target) is null)
            {
                ModelState.AddModelError(prefix + nameof(ReferralInput.ServiceId), text["Referral.Refer.Service.Required"]);
            }
            else if (situation.Services.Any(s => s.PartnerServiceId == target && s.IsActive))
            {
                ModelState.AddModelError(prefix + nameof(ReferralInput.ServiceId), text["Referral.Refer.Service.Involved"]);
            }
            else if (await db.Referrals.AnyAsync(r => r.SituationId == id && r.ToServiceId == target && r.Status == ReferralStatus.Pending, cancellationToken))
            {
                ModelState.AddModelError(prefix + nameof(ReferralInput.ServiceId), text["Referral.Refer.Service.Pending"]);
            }
        }

        var consent = await BasisAsync(id, input, cancellationToken);
        if (!ModelState.IsValid || input.ServiceId is not { } toServiceId)
        {
            return await ShowAsync(situation, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var referralId = Guid.CreateVersion7();
        var referral = consent is not null
            ? Referral.WithConsent(referralId, id, fromServiceId, toServiceId, Me, consent, now)
            : Referral.OnLegalBasis(referralId, id, fromServiceId, toServiceId, Me, input.LegalBasis!.Value, now);
        referral.Request = await content.SealRequestAsync(referral, input.Request!.Trim(), cancellationToken);
        if (consent is null)
        {
            referral.Justification = await content.SealJustificationAsync(referral, input.Justification!.Trim(), cancellationToken);
        }

        db.Referrals.Add(referral);
        situation.Touch(now);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, prefix + nameof(ReferralInput.ServiceId), cancellationToken);
        }

        var site = SiteAddress.For(HttpContext);
        notifier.Queue(ReferralNotice.ToService(MailKind.ReferralReceived, toServiceId, new Uri(site, "/pro/relais")));
        if (consent is null)
        {
            // Without consent, the coordinators are told at once (issue: "coordinators are notified").
            notifier.Queue(ReferralNotice.ToCoordinators(MailKind.ReferralOnLegalBasis, new Uri(site, $"/pro/situations/{id}")));
        }

        return RedirectToPage(new { id, fait = "relais" });
    }

    /// <summary>
    /// Withdraws a consent: only the lead service, which carries the situation and is the one told
    /// (the other services see who recorded each consent and whom to call).
    /// </summary>
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, [FromForm(Name = "consent")] Guid? consentId, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        if (!await IsAllowedAsync(situation, SituationOperations.Lead))
        {
            return Forbid();
        }

        var consents = await db.Consents.Where(c => c.SituationId == id).ToListAsync(cancellationToken);
        var consent = consents.SingleOrDefault(c => c.Id == consentId);
        if (consent is null || !consent.IsActive || situation.IsErased)
        {
            ModelState.AddModelError(string.Empty, text[consent is null ? "Referral.Withdraw.Unknown" : situation.IsErased ? "Referral.Error.Closed" : "Referral.Withdraw.Already"]);
            return await ShowAsync(situation, cancellationToken);
        }

        var referrals = await db.Referrals.Where(r => r.SituationId == id).ToListAsync(cancellationToken);
        var result = ConsentWithdrawal.Apply(situation, consent, consents, referrals, Me, clock.GetUtcNow());
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, string.Empty, cancellationToken);
        }

        notifier.Queue(ReferralNotice.ToService(MailKind.ConsentWithdrawn, situation.LeadServiceId, new Uri(SiteAddress.For(HttpContext), $"/pro/situations/{id}/relais")));
        return RedirectToPage(new { id, fait = result.ServiceLeft ? "retire-parti" : "retire" });
    }

    private Guid Me => User.ProfessionalId() ?? throw new InvalidOperationException("A signed-in professional has an id.");

    /// <summary>Today in Mouscron, where the consent was given.</summary>
    private DateOnly Today => Brussels.DayOf(clock.GetUtcNow());

    /// <summary>
    /// What the referral rests on: the consent chosen (for this situation and service, active, allowing
    /// to join), or, only when no such consent exists for the service, a legal basis with its justification.
    /// Null with a legal basis, and when it is refused (the errors say why).
    /// </summary>
    private async Task<Consent?> BasisAsync(Guid situationId, ReferralInput input, CancellationToken cancellationToken)
    {
        const string prefix = nameof(NewReferral) + ".";
        var basis = input.LegalBasis ?? LegalBasis.None;
        if (input.ConsentId is { } consentId)
        {
            var consent = await db.Consents.SingleOrDefaultAsync(c => c.Id == consentId && c.SituationId == situationId, cancellationToken);
            var problem = consent switch
            {
                null => "Referral.Refer.Consent.Unknown",
                { IsActive: false } => "Referral.Refer.Consent.Withdrawn",
                _ when input.ServiceId is { } target && consent.ServiceId != target => "Referral.Refer.Consent.OtherService",
                _ when !consent.Scope.HasFlag(ConsentScope.JoinSituation) => "Referral.Refer.Consent.NoJoin",
                _ => null,
            };
            if (problem is not null)
            {
                ModelState.AddModelError(prefix + nameof(ReferralInput.ConsentId), text[problem]);
            }

            if (basis != LegalBasis.None)
            {
                ModelState.AddModelError(prefix + nameof(ReferralInput.LegalBasis), text["Referral.Refer.LegalBasis.WithConsent"]);
            }

            return problem is null ? consent : null;
        }

        if (basis == LegalBasis.None)
        {
            ModelState.AddModelError(prefix + nameof(ReferralInput.ConsentId), text["Referral.Refer.NoBasis"]);
            return null;
        }

        if (input.ServiceId is { } service
            && await db.Consents.AnyAsync(c => c.SituationId == situationId && c.ServiceId == service && c.WithdrawnAt == null && (c.Scope & ConsentScope.JoinSituation) == ConsentScope.JoinSituation, cancellationToken))
        {
            // Consent first (PRODUCT.md, principle 2): a legal basis serves only where there is no consent to rest on.
            ModelState.AddModelError(prefix + nameof(ReferralInput.LegalBasis), text["Referral.Refer.LegalBasis.ConsentExists"]);
        }

        if (string.IsNullOrWhiteSpace(input.Justification))
        {
            ModelState.AddModelError(prefix + nameof(ReferralInput.Justification), text["Referral.Refer.Justification.Required"]);
        }
        else if (input.Justification.Trim().Length > MaxJustificationLength)
        {
            ModelState.AddModelError(prefix + nameof(ReferralInput.Justification), text["Referral.Refer.Justification.TooLong", MaxJustificationLength.ToString("N0", CultureInfo.CurrentCulture)]);
        }

        return null;
    }

    /// <summary>A day typed as the date field sends it (yyyy-mm-dd), not in the future; an error otherwise.</summary>
    private DateOnly? ReadDay(string? value, string field)
    {
        if (ModelState.GetFieldValidationState(field) == ModelValidationState.Invalid)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day < EarliestConsentDay)
        {
            ModelState.AddModelError(field, text["Referral.Consent.GivenOn.Invalid"]);
            return null;
        }

        if (day > Today)
        {
            ModelState.AddModelError(field, text["Referral.Consent.GivenOn.Future"]);
            return null;
        }

        return day;
    }

    /// <summary>The situation, with its services, if the person's service is involved in it; otherwise it does not exist for them.</summary>
    private async Task<Situation?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        return await db.FindSituationAsync(authorization, User, id, SituationOperations.View, cancellationToken);
    }

    private async Task<bool> IsAllowedAsync(Situation situation, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, situation, operation)).Succeeded;

    /// <summary>The later of two conflicting changes: the page as it is now, the refusal said, what was typed kept.</summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, string field, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var situation = await FindAsync(id, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddModelError(field, text["Referral.Error.Changed"]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(situation, cancellationToken);
    }

    private async Task<PageResult> ShowAsync(Situation situation, CancellationToken cancellationToken)
    {
        Item = situation;
        var id = situation.Id;
        var language = CashCultures.CurrentLanguage;
        var services = await directory.GetAsync(cancellationToken);
        Services = [.. services.Services.Select(s => new ServiceOption(s.Id, services.NameOf(s.Id, language) ?? s.Slug, s.ActsOnlyWithAgreement, ReferralWords.IsPolice(s)))];
        var involved = situation.Services.Where(s => s.IsActive).Select(s => s.PartnerServiceId).ToHashSet();
        Targets = [.. Services.Where(s => !involved.Contains(s.Id))];

        var people = await db.InvolvedPeople.AsNoTracking().Where(p => p.SituationId == id).OrderBy(p => p.CreatedAt)
            .Select(p => new { p.Id, p.Role, p.Pseudonym }).ToListAsync(cancellationToken);
        var pseudonyms = new Dictionary<Guid, string?>();
        foreach (var person in people)
        {
            pseudonyms[person.Id] = await content.PseudonymAsync(person.Id, id, person.Pseudonym, cancellationToken);
        }

        People = [.. people.Select(p => new PersonOption(p.Id, p.Role, pseudonyms[p.Id]))];

        var consents = await db.Consents.AsNoTracking().Where(c => c.SituationId == id).OrderByDescending(c => c.RecordedAt).ToListAsync(cancellationToken);
        var authorIds = consents.Select(c => c.RecordedBy).Concat(consents.Where(c => c.WithdrawnBy is not null).Select(c => c.WithdrawnBy!.Value)).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(p => authorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        Consents = [.. consents.Select(c => new ConsentRow(
            c.Id,
            pseudonyms.GetValueOrDefault(c.PersonId),
            c.ServiceId,
            c.GivenBy,
            c.Scope,
            c.Method,
            c.GivenOn,
            authors.GetValueOrDefault(c.RecordedBy),
            c.RecordedAt,
            c.WithdrawnAt))];
        JoinConsents = [.. consents.Where(c => c.IsActive && c.Scope.HasFlag(ConsentScope.JoinSituation))
            .Select(c => new ConsentOption(c.Id, c.ServiceId, pseudonyms.GetValueOrDefault(c.PersonId), c.GivenBy, c.Scope))];

        Referrals = await db.Referrals.AsNoTracking().Where(r => r.SituationId == id).OrderByDescending(r => r.RequestedAt)
            .Select(r => new ReferralRow(r.Id, r.FromServiceId, r.ToServiceId, r.Status, r.ConsentId, r.LegalBasis, r.RequestedAt, r.DecidedAt))
            .ToListAsync(cancellationToken);

        MayContribute = await IsAllowedAsync(situation, SituationOperations.Contribute) && !situation.IsClosed && !situation.IsErased;
        MayLead = await IsAllowedAsync(situation, SituationOperations.Lead);
        ViewData["Section"] = "situations";

        // The pseudonyms are the situation's content: every display is a read (PRODUCT.md: audit every read).
        await audit.RecordReadAsync(situation, cancellationToken: cancellationToken);
        return Page();
    }

    public sealed record PersonOption(Guid Id, PersonRole Role, string? Pseudonym);

    public sealed record ServiceOption(int Id, string Name, bool ActsOnlyWithAgreement, bool IsPolice);

    public sealed record ConsentOption(Guid Id, int ServiceId, string? Pseudonym, ConsentGiver GivenBy, ConsentScope Scope);

    public sealed record ConsentRow(
        Guid Id,
        string? Pseudonym,
        int ServiceId,
        ConsentGiver GivenBy,
        ConsentScope Scope,
        ConsentMethod Method,
        DateOnly GivenOn,
        string? RecordedBy,
        DateTimeOffset RecordedAt,
        DateTimeOffset? WithdrawnAt)
    {
        public bool IsActive => WithdrawnAt is null;
    }

    public sealed record ReferralRow(Guid Id, int FromServiceId, int ToServiceId, ReferralStatus Status, Guid? ConsentId, LegalBasis LegalBasis, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);

    [MessagesFrom(typeof(SituationTexts))]
    public sealed class ConsentInput
    {
        [Required(ErrorMessage = "Referral.Consent.Person.Required")]
        public Guid? PersonId { get; set; }

        [Required(ErrorMessage = "Referral.Consent.Service.Required")]
        public int? ServiceId { get; set; }

        [Required(ErrorMessage = "Referral.Consent.GivenBy.Required")]
        public ConsentGiver? GivenBy { get; set; }

        /// <summary>One box per purpose, bound strictly (Forms/StrictEnums.cs); none ticked is refused.</summary>
        public ConsentScope Scope { get; set; }

        [Required(ErrorMessage = "Referral.Consent.Method.Required")]
        public ConsentMethod? Method { get; set; }

        /// <summary>As the date field sends it, yyyy-mm-dd; read by the page, which says what is wrong with it.</summary>
        public string? GivenOn { get; set; }
    }

    [MessagesFrom(typeof(SituationTexts))]
    public sealed class ReferralInput
    {
        [Required(ErrorMessage = "Referral.Refer.Service.Required")]
        public int? ServiceId { get; set; }

        [Required(ErrorMessage = "Referral.Refer.Request.Required")]
        [MaxTrimmedLength(MaxRequestLength, ErrorMessage = "Referral.Refer.Request.TooLong")]
        public string? Request { get; set; }

        public Guid? ConsentId { get; set; }

        public LegalBasis? LegalBasis { get; set; }

        public string? Justification { get; set; }
    }
}
