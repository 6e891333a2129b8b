using System.ComponentModel.DataAnnotations;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Interventions;
using Cash.Web.Domain.Situations;
using Cash.Web.Forms;
using Cash.Web.Interventions;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Interventions;

/// <summary>
/// One intervention, as <see cref="InterventionAccess"/> lets the viewer see it: where, when, the
/// services and their answers, who comes; its plan and report where the viewer may read them (each
/// such view audited); its situation by content link only for those who may view that situation,
/// by reference for the others. An invited service answers for itself here (its own service, never
/// one named by the form); the organising service invites others and cancels. Each change is made
/// against the version the page was shown with.
/// </summary>
public sealed class DetailsModel(
    CashDbContext db,
    IAuthorizationService authorization,
    InterventionContent content,
    PartnerDirectoryCache directory,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<InterventionTexts> text) : PageModel
{
    public AnswerInput Answering { get; private set; } = new();

    public InviteInput Inviting { get; private set; } = new();

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public Intervention Item { get; private set; } = null!;

    public string SchoolName { get; private set; } = "";

    public bool ShowsTexts { get; private set; }

    public bool IsOrganiser { get; private set; }

    /// <summary>The viewer's service's own answer, when it is invited and may answer.</summary>
    public InterventionService? MyParticipation { get; private set; }

    public string? SituationReference { get; private set; }

    /// <summary>Whether the viewer may open the situation it answers (then linked, else its reference only).</summary>
    public bool OpensSituation { get; private set; }

    public IReadOnlyList<ServiceRow> Services { get; private set; } = [];

    public IReadOnlyList<Choice> Members { get; private set; } = [];

    public IReadOnlyList<Choice> ServicesToInvite { get; private set; } = [];

    public InterventionContent.Opened? Plan { get; private set; }

    public InterventionContent.Opened? ReportText { get; private set; }

    public InterventionContent.Opened? FollowUp { get; private set; }

    public bool CanReport { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var intervention = await db.FindInterventionAsync(authorization, User, id, InterventionOperations.ViewMetadata, cancellationToken);
        return intervention is null ? NotFound() : await ShowAsync(intervention, cancellationToken);
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, [FromForm(Name = nameof(Answering))] AnswerInput answer, CancellationToken cancellationToken)
    {
        var intervention = await db.FindInterventionAsync(authorization, User, id, InterventionOperations.Answer, cancellationToken);
        if (intervention is null || User.ServiceId() is not { } serviceId || User.ProfessionalId() is not { } by)
        {
            return NotFound();
        }

        Answering = answer;
        var members = await MembersOfAsync(serviceId, cancellationToken);
        if (answer.Coming.Any(p => !members.Any(m => m.Value == p.ToString())))
        {
            ModelState.AddModelError($"{nameof(Answering)}.{nameof(AnswerInput.Coming)}", text["Answer.Coming.Unknown"]);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(intervention, cancellationToken);
        }

        if (answer.Version != intervention.Version || !intervention.IsPlanned)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        var at = clock.GetUtcNow();
        if (answer.Answer == ParticipationAnswer.Confirm)
        {
            intervention.Confirm(serviceId, answer.Coming, by, at);
        }
        else
        {
            var participation = intervention.ParticipationOfOrNull(serviceId)!;
            var reason = string.IsNullOrWhiteSpace(answer.Reason) ? null : await content.SealDeclineReasonAsync(participation, answer.Reason.Trim(), cancellationToken);
            intervention.Decline(serviceId, reason, by, at);
        }

        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        // A service that declined no longer sees the intervention: back to the calendar.
        return answer.Answer == ParticipationAnswer.Confirm
            ? RedirectToPage(new { id, fait = "confirmee" })
            : RedirectToPage("Index", new { fait = "declinee" });
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid id, [FromForm(Name = nameof(Inviting))] InviteInput invite, CancellationToken cancellationToken)
    {
        var intervention = await db.FindInterventionAsync(authorization, User, id, InterventionOperations.Organise, cancellationToken);
        if (intervention is null)
        {
            return NotFound();
        }

        Inviting = invite;
        var offered = Invitable(intervention, await directory.GetAsync(cancellationToken));
        const string field = $"{nameof(Inviting)}.{nameof(InviteInput.Services)}";
        if (invite.Services.Count == 0)
        {
            ModelState.AddModelError(field, text["Invite.Services.Required"]);
        }
        else if (invite.Services.Any(s => !offered.Any(o => o.Value == s.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            ModelState.AddModelError(field, text["Invite.Services.Unknown"]);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(intervention, cancellationToken);
        }

        if (invite.Version != intervention.Version || !intervention.IsPlanned)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        var at = clock.GetUtcNow();
        foreach (var service in invite.Services.Distinct())
        {
            intervention.Invite(service, at);
        }

        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken)
            ? RedirectToPage(new { id, fait = "invites" })
            : await ChangedMeanwhileAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, [FromForm(Name = "Cancelling.Version")] int version, CancellationToken cancellationToken)
    {
        var intervention = await db.FindInterventionAsync(authorization, User, id, InterventionOperations.Organise, cancellationToken);
        if (intervention is null)
        {
            return NotFound();
        }

        if (version != intervention.Version || !intervention.IsPlanned)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        intervention.Cancel(User.ProfessionalId()!.Value, clock.GetUtcNow());
        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken)
            ? RedirectToPage(new { id, fait = "annulee" })
            : await ChangedMeanwhileAsync(id, cancellationToken);
    }

    /// <summary>Someone changed it since the page was shown: the page again, as it is now, with what was typed.</summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var intervention = await db.FindInterventionAsync(authorization, User, id, InterventionOperations.ViewMetadata, cancellationToken);
        if (intervention is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddModelError(string.Empty, text["ChangedMeanwhile"]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(intervention, cancellationToken);
    }

    private async Task<PageResult> ShowAsync(Intervention intervention, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "interventions";
        Item = intervention;
        var language = CashCultures.CurrentLanguage;
        var services = await directory.GetAsync(cancellationToken);
        SchoolName = await db.Schools.AsNoTracking().Where(s => s.Id == intervention.SchoolId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        IsOrganiser = (await authorization.AuthorizeAsync(User, intervention, InterventionOperations.Organise)).Succeeded;
        ShowsTexts = (await authorization.AuthorizeAsync(User, intervention, InterventionOperations.View)).Succeeded;
        var answers = (await authorization.AuthorizeAsync(User, intervention, InterventionOperations.Answer)).Succeeded;
        MyParticipation = answers && User.ServiceId() is { } mine ? intervention.ParticipationOfOrNull(mine) : null;
        CanReport = IsOrganiser && intervention.CanReportAt(clock.GetUtcNow());

        if (intervention.SituationId is { } situationId)
        {
            var situation = await db.Situations.AsNoTracking().SingleOrDefaultAsync(s => s.Id == situationId, cancellationToken);
            SituationReference = situation?.Reference;
            OpensSituation = situation is not null && (await authorization.AuthorizeAsync(User, situation, SituationOperations.View)).Succeeded;
        }

        var people = intervention.People.Select(p => p.ProfessionalId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        var rows = new List<ServiceRow>();
        foreach (var participation in intervention.Services.OrderByDescending(s => s.PartnerServiceId == intervention.OrganiserServiceId).ThenBy(s => services.NameOf(s.PartnerServiceId, language), StringComparer.CurrentCulture))
        {
            if (participation.Status == ParticipationStatus.Declined && !ShowsTexts && !IsOrganiser)
            {
                continue;
            }

            var reason = ShowsTexts && participation.DeclineReason is not null ? await content.DeclineReasonAsync(participation, cancellationToken) : null;
            rows.Add(new ServiceRow(
                services.NameOf(participation.PartnerServiceId, language) ?? "",
                participation.PartnerServiceId == intervention.OrganiserServiceId,
                participation.Status,
                reason,
                [.. intervention.People.Where(p => p.ServiceId == participation.PartnerServiceId)
                    .Select(p => names.FirstOrDefault(n => n.Id == p.ProfessionalId)?.DisplayName ?? "")
                    .Order(StringComparer.CurrentCulture)]));
        }

        Services = rows;

        if (ShowsTexts)
        {
            Plan = await content.PlanAsync(intervention, cancellationToken);
            ReportText = await content.ReportTextAsync(intervention, cancellationToken);
            FollowUp = await content.FollowUpAsync(intervention, cancellationToken);
            await audit.RecordReadAsync(intervention, cancellationToken: cancellationToken);
        }

        if (MyParticipation is { } own && intervention.IsPlanned)
        {
            Members = await MembersOfAsync(own.PartnerServiceId, cancellationToken);
            if (Request.Method == HttpMethods.Get)
            {
                Answering = new AnswerInput
                {
                    Answer = own.Status == ParticipationStatus.Confirmed ? ParticipationAnswer.Confirm : null,
                    Coming = [.. intervention.People.Where(p => p.ServiceId == own.PartnerServiceId).Select(p => p.ProfessionalId)],
                };
            }
        }

        if (IsOrganiser && intervention.IsPlanned)
        {
            ServicesToInvite = Invitable(intervention, services);
        }

        return Page();
    }

    /// <summary>The active members of a service, by name.</summary>
    private async Task<IReadOnlyList<Choice>> MembersOfAsync(int serviceId, CancellationToken cancellationToken)
    {
        var members = await db.Users.AsNoTracking()
            .Where(u => u.PartnerServiceId == serviceId && u.DisabledAt == null)
            .Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(cancellationToken);
        return [.. members.OrderBy(m => m.DisplayName, StringComparer.CurrentCulture).Select(m => new Choice(m.Id.ToString(), m.DisplayName))];
    }

    /// <summary>The services not taking part yet (one that declined may be asked again).</summary>
    private static List<Choice> Invitable(Intervention intervention, PartnerDirectory services)
    {
        var language = CashCultures.CurrentLanguage;
        return [.. services.All(language)
            .Where(s => intervention.ParticipationOfOrNull(s.Id) is not { Status: ParticipationStatus.Invited or ParticipationStatus.Confirmed })
            .Select(s => new Choice(s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Name))];
    }

    /// <summary>A service taking part, its answer and who comes from it.</summary>
    public sealed record ServiceRow(string Name, bool Organiser, ParticipationStatus Status, InterventionContent.Opened? DeclineReason, IReadOnlyList<string> People);

    /// <summary>An invited service's answer, for itself: confirm (with who comes) or decline (with an optional reason).</summary>
    [MessagesFrom(typeof(InterventionTexts))]
    public sealed class AnswerInput
    {
        [Required(ErrorMessage = "Answer.Required")]
        public ParticipationAnswer? Answer { get; set; }

        public List<Guid> Coming { get; set; } = [];

        [MaxTrimmedLength(InterventionService.MaxReasonLength, ErrorMessage = "Answer.Reason.TooLong")]
        public string? Reason { get; set; }

        public int Version { get; set; }
    }

    /// <summary>The services the organiser invites.</summary>
    [MessagesFrom(typeof(InterventionTexts))]
    public sealed class InviteInput
    {
        public List<int> Services { get; set; } = [];

        public int Version { get; set; }
    }
}

/// <summary>What an invited service answers.</summary>
public enum ParticipationAnswer
{
    Confirm = 1,
    Decline = 2,
}
