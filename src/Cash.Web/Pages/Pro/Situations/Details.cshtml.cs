using System.ComponentModel.DataAnnotations;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Situations;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Situations;

/// <summary>
/// One situation, in the tier the viewer may see (need to know, PRODUCT.md principle 1): its
/// content for the members of the services involved (summary, people — identities only where
/// <see cref="InvolvedPersonAccess"/> allows, person by person —, the services and their tier),
/// every such view audited; its metadata alone for a coordinator whose service is not involved;
/// 404 for anyone else. The lead service changes the severity (with a reason, written to the
/// journal), closes with an outcome and reopens, each against the version the page was shown with.
/// </summary>
public sealed class DetailsModel(
    CashDbContext db,
    IAuthorizationService authorization,
    SituationContent content,
    PartnerDirectoryCache directory,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SituationTexts> text) : PageModel
{
    // One form per action: each handler binds and validates its own input.
    public SeverityInput SeverityChange { get; private set; } = new();

    public CloseInput Closing { get; private set; } = new();

    /// <summary>What was just done (post, redirect, get): see the notices of the page.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public Situation Item { get; private set; } = null!;

    /// <summary>False for a coordinator whose service is not involved: the metadata, nothing else.</summary>
    public bool ShowsContent { get; private set; }

    public bool IsLead { get; private set; }

    public string? SchoolName { get; private set; }

    public IReadOnlyList<InvolvedRow> Involved { get; private set; } = [];

    /// <summary>The summary; null when erased or unreadable (<see cref="Situation.Summary"/> tells which).</summary>
    public string? Summary { get; private set; }

    public IReadOnlyList<PersonRow> People { get; private set; } = [];

    /// <summary>The help request it was opened from, when the viewer may open that request.</summary>
    public Guid? RequestLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, SituationOperations.ViewMetadata, cancellationToken);
        return situation is null ? NotFound() : await ShowAsync(situation, cancellationToken);
    }

    public async Task<IActionResult> OnPostSeverityAsync(Guid id, [FromForm(Name = nameof(SeverityChange))] SeverityInput change, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, SituationOperations.Lead, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        SeverityChange = change;
        const string field = $"{nameof(SeverityChange)}.{nameof(SeverityInput.Level)}";
        if (change.Level is { } level && level == situation.Severity && change.Version == situation.Version)
        {
            ModelState.AddModelError(field, text["Details.Severity.Same"]);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(situation, cancellationToken);
        }

        if (change.Version != situation.Version || situation.IsClosed || situation.IsErased)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        var at = clock.GetUtcNow();
        var serviceId = User.ServiceId()!.Value;
        var entry = JournalEntry.SeverityChanged(Guid.CreateVersion7(), situation.Id, serviceId, User.ProfessionalId()!.Value, Brussels.DayOf(at), at);
        entry.Text = await content.SealEntryTextAsync(entry, change.Reason!.Trim(), cancellationToken);
        situation.ChangeSeverity(change.Level!.Value, at);
        situation.EntryWritten(at);
        db.JournalEntries.Add(entry);
        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken)
            ? RedirectToPage(new { id, fait = "gravite" })
            : await ChangedMeanwhileAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, [FromForm(Name = nameof(Closing))] CloseInput closing, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, SituationOperations.Lead, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        Closing = closing;
        if (!ModelState.IsValid)
        {
            return await ShowAsync(situation, cancellationToken);
        }

        if (closing.Version != situation.Version || situation.IsClosed || situation.IsErased)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        situation.Close(closing.Outcome!.Value, clock.GetUtcNow());
        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken)
            ? RedirectToPage(new { id, fait = "cloturee" })
            : await ChangedMeanwhileAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostReopenAsync(Guid id, [FromForm(Name = "Reopening.Version")] int version, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, SituationOperations.Lead, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        if (version != situation.Version || !situation.IsClosed || situation.IsErased)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        situation.Reopen(clock.GetUtcNow());
        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken)
            ? RedirectToPage(new { id, fait = "rouverte" })
            : await ChangedMeanwhileAsync(id, cancellationToken);
    }

    /// <summary>The situation, if the viewer may do <paramref name="operation"/> on it; otherwise it does not exist for them.</summary>
    private async Task<Situation?> FindAsync(Guid id, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        return await db.FindSituationAsync(authorization, User, id, operation, cancellationToken);
    }

    private async Task<bool> IsAllowedAsync(Situation situation, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, situation, operation)).Succeeded;

    /// <summary>The later of two changes: the situation as it is now, the refusal said, what was typed kept.</summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var situation = await FindAsync(id, SituationOperations.ViewMetadata, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddModelError(string.Empty, text["Details.ChangedMeanwhile"]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(situation, cancellationToken);
    }

    private async Task<PageResult> ShowAsync(Situation situation, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "situations";
        Item = situation;
        ShowsContent = await IsAllowedAsync(situation, SituationOperations.View);
        IsLead = ShowsContent && await IsAllowedAsync(situation, SituationOperations.Lead);
        var services = (await directory.GetAsync(cancellationToken)).All(CashCultures.CurrentLanguage);
        Involved = [.. situation.Services
            .Where(s => s.IsActive)
            .OrderBy(s => s.Tier).ThenBy(s => s.Since)
            .Select(s => new InvolvedRow(services.NameOf(s.PartnerServiceId) ?? "", s.Tier, s.Since))];
        var schoolIds = new List<int>();
        if (situation.SchoolId is { } schoolId)
        {
            schoolIds.Add(schoolId);
        }

        if (!ShowsContent)
        {
            SchoolName = await SchoolNameAsync(situation.SchoolId, cancellationToken);
            return Page();
        }

        Summary = await content.SummaryAsync(situation, cancellationToken);
        var people = await db.InvolvedPeople.AsNoTracking()
            .Allowing(InvolvedPersonAccess.Rule, User, SituationOperations.View)
            .Where(p => p.SituationId == situation.Id)
            .OrderBy(p => p.CreatedAt)
            .ToListAsync(cancellationToken);
        var identities = await db.InvolvedPeople.AsNoTracking()
            .Allowing(InvolvedPersonAccess.Rule, User, SituationOperations.ViewIdentity)
            .Where(p => p.SituationId == situation.Id)
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        schoolIds.AddRange(people.Where(p => p.SchoolId is not null).Select(p => p.SchoolId!.Value));
        var schools = await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        SchoolName = situation.SchoolId is { } own ? schools.GetValueOrDefault(own) : null;

        var rows = new List<PersonRow>();
        foreach (var person in people)
        {
            var mayIdentify = identities.Contains(person.Id);
            var identity = mayIdentify ? await content.IdentityAsync(person, cancellationToken) : null;
            rows.Add(new PersonRow(
                person.Id,
                person.Role,
                await content.PseudonymAsync(person, cancellationToken),
                person.Pseudonym is not null,
                person.AgeBand,
                person.Age,
                person.SchoolId is { } school ? schools.GetValueOrDefault(school) : null,
                person.ClassName,
                mayIdentify,
                identity,
                mayIdentify && person.Identity is not null && identity is null));
        }

        People = rows;
        if (situation.HelpRequestId is { } requestId
            && await db.HelpRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken) is { } request
            && (await authorization.AuthorizeAsync(User, request, HelpRequestOperations.View)).Succeeded)
        {
            RequestLink = requestId;
        }

        // Every display of the content is a read (PRODUCT.md: audit every read): one entry per view.
        await audit.RecordReadAsync(situation, cancellationToken: cancellationToken);
        return Page();
    }

    private async Task<string?> SchoolNameAsync(int? schoolId, CancellationToken cancellationToken) =>
        schoolId is null ? null : await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);

    public sealed record InvolvedRow(string Name, InvolvementTier Tier, DateTimeOffset Since);

    /// <param name="Pseudonym">Null when erased or unreadable (<paramref name="HasPseudonym"/> tells which).</param>
    /// <param name="MayIdentify">The viewer's service may see this person's identity.</param>
    /// <param name="IdentityUnreadable">There is an identity the viewer may see, but it does not open.</param>
    public sealed record PersonRow(
        Guid Id,
        PersonRole Role,
        string? Pseudonym,
        bool HasPseudonym,
        Domain.Help.AgeBand AgeBand,
        int? Age,
        string? SchoolName,
        string? ClassName,
        bool MayIdentify,
        PersonIdentity? Identity,
        bool IdentityUnreadable);

    [MessagesFrom(typeof(SituationTexts))]
    public sealed class SeverityInput
    {
        [Required(ErrorMessage = "Details.Severity.Required")]
        public Severity? Level { get; set; }

        [Required(ErrorMessage = "Details.Reason.Required")]
        [MaxTrimmedLength(Situation.MaxReasonLength, ErrorMessage = "Details.Reason.TooLong")]
        public string? Reason { get; set; }

        /// <summary>The situation's version the page was shown with.</summary>
        public int Version { get; set; }
    }

    [MessagesFrom(typeof(SituationTexts))]
    public sealed class CloseInput
    {
        [Required(ErrorMessage = "Details.Close.Required")]
        public SituationOutcome? Outcome { get; set; }

        public int Version { get; set; }
    }
}
