using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Meetings;
using Cash.Web.Domain.Tasks;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.Meetings;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Cash.Web.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Meetings;

/// <summary>
/// A meeting: its time and place, services and attendance, agenda, minutes and decisions. The
/// services invited read it and add to its agenda; the coordinators run it. An agenda item about a
/// situation shows that situation's link and summary only to those the situation's rule lets see
/// its content; everyone else reads its reference alone. Anyone else gets 404. A cancelled meeting
/// is shown with when it was cancelled, and every change to it is refused.
/// </summary>
public sealed class DetailsModel(
    CashDbContext db,
    IAuthorizationService authorization,
    MeetingContent content,
    SituationContent situations,
    MinutesRenderer renderer,
    FieldCipher cipher,
    PartnerDirectoryCache directory,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<MeetingTexts> text) : PageModel
{
    private static readonly string[] DayFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    public AgendaInput Agenda { get; private set; } = new();

    public AttendanceInput AttendanceForm { get; private set; } = new();

    public DecisionInput Decision { get; private set; } = new();

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public Meeting Item { get; private set; } = null!;

    public bool MayRun { get; private set; }

    public bool MayContribute { get; private set; }

    public bool HasStarted { get; private set; }

    public IReadOnlyList<ServiceRow> Invited { get; private set; } = [];

    public IReadOnlyList<AgendaRow> AgendaRows { get; private set; } = [];

    /// <summary>The minutes as safe HTML; null when none were written.</summary>
    public string? MinutesHtml { get; private set; }

    public bool MinutesUnreadable { get; private set; }

    public IReadOnlyList<DecisionRow> Decisions { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> AllServices { get; private set; } = [];

    public (Guid Id, string Title, DateTimeOffset StartsAt)? Next { get; private set; }

    public (Guid Id, string Title, DateTimeOffset StartsAt)? Previous { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(id, MeetingOperations.View, cancellationToken);
        return meeting is null ? NotFound() : await ShowAsync(meeting, cancellationToken);
    }

    /// <summary>Adds an item to the agenda, about a situation the author may see, if it names one.</summary>
    public async Task<IActionResult> OnPostAgendaAsync(Guid id, [FromForm(Name = nameof(Agenda))] AgendaInput agenda, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(id, MeetingOperations.Contribute, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Agenda = agenda;
        if (meeting.IsCancelled)
        {
            return await CancelledAsync(meeting, cancellationToken);
        }

        Guid? situationId = null;
        if (!string.IsNullOrWhiteSpace(agenda.Situation))
        {
            // One answer whether the reference does not exist or is one the author may not see.
            var reference = SituationReferences.Normalise(agenda.Situation);
            situationId = reference is null
                ? null
                : await db.Situations.AsNoTracking().Where(s => s.Reference == reference)
                    .Allowing(SituationAccess.Rule, User, SituationOperations.View)
                    .Select(s => (Guid?)s.Id).SingleOrDefaultAsync(cancellationToken);
            if (situationId is null)
            {
                ModelState.AddModelError($"{nameof(Agenda)}.{nameof(AgendaInput.Situation)}", text["Agenda.Situation.NotFound"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(meeting, cancellationToken);
        }

        var item = meeting.AddAgendaItem(Guid.CreateVersion7(), agenda.Title!, situationId);
        if (!string.IsNullOrWhiteSpace(agenda.Notes))
        {
            item.Notes = await content.SealNotesAsync(item, agenda.Notes.Trim(), cancellationToken);
        }

        return await SavedAsync(id, meeting, "point", $"{nameof(Agenda)}.{nameof(AgendaInput.Title)}", cancellationToken);
    }

    /// <summary>Who came, per invited service; once the meeting has started.</summary>
    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, [FromForm(Name = "Attendance")] AttendanceInput attendance, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(id, MeetingOperations.Run, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        AttendanceForm = attendance;
        if (meeting.IsCancelled)
        {
            return await CancelledAsync(meeting, cancellationToken);
        }

        var now = clock.GetUtcNow();
        if (!meeting.HasStartedAt(now))
        {
            ModelState.AddModelError(string.Empty, text["Meeting.NotStarted"]);
        }

        if (attendance.Of.Keys.Any(serviceId => meeting.Services.All(s => s.PartnerServiceId != serviceId)))
        {
            ModelState.AddModelError("Attendance", text["Attendance.Unknown"]);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(meeting, cancellationToken);
        }

        if (attendance.Version != meeting.Version)
        {
            return await ChangedMeanwhileAsync(id, string.Empty, cancellationToken);
        }

        foreach (var service in meeting.Services)
        {
            meeting.RecordAttendance(service.PartnerServiceId, attendance.Of.GetValueOrDefault(service.PartnerServiceId), now);
        }

        return await SavedAsync(id, meeting, "presences", string.Empty, cancellationToken);
    }

    /// <summary>Records a decision: its text, the service it goes to, a due day; once the meeting has started.</summary>
    public async Task<IActionResult> OnPostDecisionAsync(Guid id, [FromForm(Name = nameof(Decision))] DecisionInput decision, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(id, MeetingOperations.Run, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Decision = decision;
        if (meeting.IsCancelled)
        {
            return await CancelledAsync(meeting, cancellationToken);
        }

        var now = clock.GetUtcNow();
        if (!meeting.HasStartedAt(now))
        {
            ModelState.AddModelError(string.Empty, text["Meeting.NotStarted"]);
        }

        var services = await directory.GetAsync(cancellationToken);
        if (decision.Service is { } serviceId && services.Find(serviceId) is null)
        {
            ModelState.AddModelError($"{nameof(Decision)}.{nameof(DecisionInput.Service)}", text["Decision.Service.Required"]);
        }

        DateOnly? dueOn = null;
        if (!string.IsNullOrWhiteSpace(decision.DueOn))
        {
            if (DateOnly.TryParseExact(decision.DueOn.Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 2000)
            {
                dueOn = day;
            }
            else
            {
                ModelState.AddModelError($"{nameof(Decision)}.{nameof(DecisionInput.DueOn)}", text["Decision.DueOn.Invalid"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(meeting, cancellationToken);
        }

        var added = meeting.AddDecision(Guid.CreateVersion7(), decision.Service!.Value, dueOn, now);
        added.Text = await content.SealDecisionAsync(added, decision.Text!.Trim(), cancellationToken);
        return await SavedAsync(id, meeting, "decision", $"{nameof(Decision)}.{nameof(DecisionInput.Text)}", cancellationToken);
    }

    /// <summary>"Créer la tâche": the decision becomes a task of its service, once; its title is the decision's text.</summary>
    public async Task<IActionResult> OnPostTaskAsync(Guid id, [FromForm(Name = "decision")] Guid decisionId, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(id, MeetingOperations.Run, cancellationToken);
        var decision = meeting?.Decisions.SingleOrDefault(d => d.Id == decisionId);
        if (meeting is null || decision is null)
        {
            return NotFound();
        }

        if (meeting.IsCancelled)
        {
            return await CancelledAsync(meeting, cancellationToken);
        }

        if (decision.TaskId is not null)
        {
            ModelState.AddModelError(string.Empty, text["Decision.AlreadyTask"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(meeting, cancellationToken);
        }

        var title = await content.DecisionAsync(decision, cancellationToken);
        if (title is null)
        {
            ModelState.AddModelError(string.Empty, text["Decision.Unreadable"]);
            return await ShowAsync(meeting, cancellationToken);
        }

        var taskId = Guid.CreateVersion7();
        var task = new WorkTask(
            taskId,
            await cipher.EncryptAsync(title, TaskColumns.Title(taskId, decision.ServiceId, null), cancellationToken),
            decision.ServiceId,
            assigneeId: null,
            decision.DueOn,
            situationId: null,
            meeting.Id,
            User.ProfessionalId()!.Value,
            User.ServiceId(),
            clock.GetUtcNow());
        db.WorkTasks.Add(task);
        meeting.DecisionTurnedIntoTask(decision, taskId);
        try
        {
            if (await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
            {
                return RedirectToPage(null, null, new { id, fait = "tache" }, $"decision-{decision.Id}");
            }
        }
        catch (DbUpdateException)
        {
            // The unique task per decision: another click made it first.
        }

        return await ChangedMeanwhileAsync(id, string.Empty, cancellationToken);
    }

    private Task<Meeting?> FindAsync(Guid id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, CancellationToken cancellationToken) =>
        db.FindMeetingAsync(authorization, User, id, operation, cancellationToken);

    private async Task<IActionResult> SavedAsync(Guid id, Meeting meeting, string done, string field, CancellationToken cancellationToken)
    {
        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken)
            ? RedirectToPage(null, null, new { id, fait = done }, null)
            : await ChangedMeanwhileAsync(meeting.Id, field, cancellationToken);
    }

    /// <summary>A cancelled meeting takes no change: the page, the refusal said, what was typed kept.</summary>
    private async Task<IActionResult> CancelledAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ModelState.AddModelError(string.Empty, text["Cancelled.NoChange"]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(meeting, cancellationToken);
    }

    /// <summary>Someone changed the meeting meanwhile: the page as it is now, the refusal said, what was typed kept.</summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, string field, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var meeting = await FindAsync(id, MeetingOperations.View, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddModelError(field, text["Meeting.ChangedMeanwhile"]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(meeting, cancellationToken);
    }

    private async Task<PageResult> ShowAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "meetings";
        Item = meeting;
        MayRun = (await authorization.AuthorizeAsync(User, meeting, MeetingOperations.Run)).Succeeded;
        MayContribute = (await authorization.AuthorizeAsync(User, meeting, MeetingOperations.Contribute)).Succeeded;
        HasStarted = meeting.HasStartedAt(clock.GetUtcNow());
        var language = CashCultures.CurrentLanguage;
        var services = await directory.GetAsync(cancellationToken);
        AllServices = [.. services.All(language).Select(s => (s.Id, s.Name))];
        Invited = [.. meeting.Services
            .Select(s => new ServiceRow(s.PartnerServiceId, services.NameOf(s.PartnerServiceId, language) ?? "", s.Attendance))
            .OrderBy(s => s.Name, StringComparer.CurrentCulture)];
        if (ModelState.IsValid || AttendanceForm.Of.Count == 0)
        {
            AttendanceForm = new AttendanceInput
            {
                Of = meeting.Services.Where(s => s.Attendance is not null).ToDictionary(s => s.PartnerServiceId, s => s.Attendance!.Value),
                Version = meeting.Version,
            };
        }

        AttendanceForm.Version = meeting.Version;

        // The situations the agenda points to: content for those who may see it, the reference for everyone else.
        var situationIds = meeting.AgendaItems.Where(i => i.SituationId is not null).Select(i => i.SituationId!.Value).Distinct().ToList();
        var references = await db.Situations.AsNoTracking().Where(s => situationIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Reference }).ToDictionaryAsync(s => s.Id, s => s.Reference, cancellationToken);
        var visible = await db.Situations.AsNoTracking().Where(s => situationIds.Contains(s.Id))
            .Allowing(SituationAccess.Rule, User, SituationOperations.View)
            .ToListAsync(cancellationToken);
        var summaries = new Dictionary<Guid, string?>();
        foreach (var situation in visible)
        {
            summaries[situation.Id] = await situations.SummaryAsync(situation, cancellationToken);
            if (situation.Summary is not null)
            {
                await audit.RecordReadAsync(situation, cancellationToken: cancellationToken);
            }
        }

        var rows = new List<AgendaRow>();
        foreach (var item in meeting.AgendaItems.OrderBy(i => i.Position))
        {
            // Notes on an item about a situation describe that situation: only those who may see its content read them.
            var sid = item.SituationId;
            var mayRead = sid is null || summaries.ContainsKey(sid.Value);
            var notes = mayRead ? await content.NotesAsync(item, cancellationToken) : null;
            rows.Add(new AgendaRow(
                item.Id,
                item.Position,
                item.Title,
                notes,
                NotesUnreadable: mayRead && item.Notes is not null && notes is null,
                sid is { } a && references.TryGetValue(a, out var reference) ? reference : null,
                sid is { } b && summaries.ContainsKey(b) ? b : null,
                sid is { } c && summaries.TryGetValue(c, out var summary) ? summary : null));
        }

        AgendaRows = rows;
        var minutes = await content.MinutesAsync(meeting, cancellationToken);
        MinutesUnreadable = meeting.Minutes is not null && minutes is null;
        MinutesHtml = minutes is null ? null : renderer.ToHtml(minutes);

        var decisions = new List<DecisionRow>();
        foreach (var decision in meeting.Decisions.OrderBy(d => d.Position))
        {
            var body = await content.DecisionAsync(decision, cancellationToken);
            decisions.Add(new DecisionRow(decision.Id, decision.Position, body, decision.Text is not null && body is null, services.NameOf(decision.ServiceId, language) ?? "", decision.DueOn, decision.TaskId));
        }

        Decisions = decisions;
        Next = meeting.NextMeetingId is { } nextId
            ? await db.Meetings.AsNoTracking().Where(m => m.Id == nextId).Allowing(MeetingAccess.Rule, User, MeetingOperations.View)
                .Select(m => new { m.Id, m.Title, m.StartsAt }).SingleOrDefaultAsync(cancellationToken) is { } next ? (next.Id, next.Title, next.StartsAt) : null
            : null;
        Previous = await db.Meetings.AsNoTracking().Where(m => m.NextMeetingId == meeting.Id).Allowing(MeetingAccess.Rule, User, MeetingOperations.View)
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.Title, m.StartsAt }).FirstOrDefaultAsync(cancellationToken) is { } previous ? (previous.Id, previous.Title, previous.StartsAt) : null;

        if (meeting.Minutes is not null || meeting.Decisions.Count > 0 || meeting.AgendaItems.Any(i => i.Notes is not null))
        {
            await audit.RecordReadAsync(meeting, cancellationToken: cancellationToken);
        }

        return Page();
    }

    public sealed record ServiceRow(int Id, string Name, Attendance? Attendance);

    /// <summary>An agenda item; <see cref="SituationId"/> and <see cref="Summary"/> only when the viewer may see the situation's content.</summary>
    public sealed record AgendaRow(Guid Id, int Position, string Title, string? Notes, bool NotesUnreadable, string? Reference, Guid? SituationId, string? Summary);

    public sealed record DecisionRow(Guid Id, int Position, string? Text, bool Unreadable, string ServiceName, DateOnly? DueOn, Guid? TaskId);

    [MessagesFrom(typeof(MeetingTexts))]
    public sealed class AgendaInput
    {
        [Required(ErrorMessage = "Agenda.Title.Required")]
        [MaxTrimmedLength(AgendaItem.MaxTitleLength, ErrorMessage = "Agenda.Title.TooLong")]
        public string? Title { get; set; }

        [MaxTrimmedLength(AgendaItem.MaxNotesLength, ErrorMessage = "Agenda.Notes.TooLong")]
        public string? Notes { get; set; }

        /// <summary>A situation's reference (S-XXXX-XX), optional.</summary>
        [MaxTrimmedLength(20, ErrorMessage = "Agenda.Situation.NotFound")]
        public string? Situation { get; set; }
    }

    [MessagesFrom(typeof(MeetingTexts))]
    public sealed class AttendanceInput
    {
        /// <summary>Per invited service id: present, excused or absent (none: not said).</summary>
        public Dictionary<int, Attendance> Of { get; set; } = [];

        public int Version { get; set; }
    }

    [MessagesFrom(typeof(MeetingTexts))]
    public sealed class DecisionInput
    {
        [Required(ErrorMessage = "Decision.Text.Required")]
        [MaxTrimmedLength(MeetingDecision.MaxTextLength, ErrorMessage = "Decision.Text.TooLong")]
        public string? Text { get; set; }

        [Required(ErrorMessage = "Decision.Service.Required")]
        public int? Service { get; set; }

        /// <summary>The Brussels day it is due by, as typed; optional.</summary>
        public string? DueOn { get; set; }
    }
}
