using System.ComponentModel.DataAnnotations;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Localization;
using Cash.Web.Mail;
using Cash.Web.Operations;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Inbox;

/// <summary>
/// One help request, decrypted for the service it is addressed to (or for the coordinators while it
/// waits in the triage); every opening is audited. Acknowledge, answer in the thread, forward (only
/// with the sender's consent, otherwise ask for it in the thread), assign from the triage, close.
/// Anyone else gets 404, as if the request did not exist.
/// </summary>
public sealed partial class DetailsModel(
    CashDbContext db,
    PartnerDirectoryCache directory,
    IAuthorizationService authorization,
    FieldCipher cipher,
    HelpTexts texts,
    AuditTrail audit,
    Mailer mailer,
    TimeProvider clock,
    IStringLocalizer<ProSpace> text,
    ILogger<DetailsModel> logger) : PageModel
{
    public const int MaxAnswerLength = HelpRequest.MaxTextLength;

    /// <summary>The outcomes a professional chooses from; the others are the sender's or the expiry job's.</summary>
    public static readonly IReadOnlyList<HelpOutcome> Outcomes = [HelpOutcome.Answered, HelpOutcome.OrientedElsewhere, HelpOutcome.NoNewsFromSender, HelpOutcome.Spam];

    // One form per action: each handler binds and validates its own input (a handler parameter
    // named after the form's prefix), so one action's empty fields never refuse another.
    public AnswerInput Answer { get; private set; } = new();

    public ServiceInput Forward { get; private set; } = new();

    public ServiceInput Assign { get; private set; } = new();

    public CloseInput Close { get; private set; } = new();

    /// <summary>What was just done (post, redirect, get): see the notices of the page.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public HelpRequest Item { get; private set; } = null!;

    /// <summary>The request's text; null when it cannot be read (the page says so).</summary>
    public string? Text { get; private set; }

    public string? Contact { get; private set; }

    /// <summary>There is a contact, but it cannot be read.</summary>
    public bool ContactUnreadable { get; private set; }

    public string? SchoolName { get; private set; }

    public string? ServiceName { get; private set; }

    public IReadOnlyList<ThreadMessage> Thread { get; private set; } = [];

    /// <summary>The services the request may go to: every one but its own.</summary>
    public IReadOnlyList<ServiceName> OtherServices { get; private set; } = [];

    public bool MayAssign { get; private set; }

    /// <summary>The situation opened from this request, if any, and whether the viewer may open it.</summary>
    public (Guid Id, string Reference, bool MayOpen)? Situation { get; private set; }

    /// <summary>A member of a service may open a situation from the request, once.</summary>
    public bool MayOpenSituation { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, HelpRequestOperations.View, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        return await ShowAsync(request, cancellationToken);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, HelpRequestOperations.Answer, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (!request.IsClosed)
        {
            request.Acknowledge(clock.GetUtcNow());
            if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
            {
                return await ChangedMeanwhileAsync(id, "", cancellationToken);
            }
        }

        return RedirectToPage(new { id, fait = "accuse" });
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, [FromForm(Name = nameof(Answer))] AnswerInput answer, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, HelpRequestOperations.Answer, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        Answer = answer;
        if (request.IsClosed)
        {
            ModelState.AddModelError($"{nameof(Answer)}.{nameof(AnswerInput.Body)}", text["Inbox.Error.Closed"]);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(request, cancellationToken);
        }

        if (!await WriteAsync(request, answer.Body!.Trim(), cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, $"{nameof(Answer)}.{nameof(AnswerInput.Body)}", cancellationToken);
        }

        await NotifySenderAsync(request, cancellationToken);
        return RedirectToPage(new { id, fait = "repondu" });
    }

    /// <summary>The standard message asking the sender whether the request may be passed on.</summary>
    public async Task<IActionResult> OnPostAskConsentAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, HelpRequestOperations.Answer, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (request.IsClosed)
        {
            ModelState.AddModelError(nameof(Forward) + "." + nameof(ServiceInput.ServiceId), text["Inbox.Error.Closed"]);
            return await ShowAsync(request, cancellationToken);
        }

        if (!await WriteAsync(request, text["Inbox.AskConsent.Message"], cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, nameof(Forward) + "." + nameof(ServiceInput.ServiceId), cancellationToken);
        }

        await NotifySenderAsync(request, cancellationToken);
        return RedirectToPage(new { id, fait = "consentement" });
    }

    public async Task<IActionResult> OnPostForwardAsync(Guid id, [FromForm(Name = nameof(Forward))] ServiceInput forward, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, HelpRequestOperations.Forward, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        Forward = forward;
        var field = $"{nameof(Forward)}.{nameof(ServiceInput.ServiceId)}";
        var target = await ValidServiceAsync(forward.ServiceId, request, field, cancellationToken);
        if (request.IsClosed)
        {
            ModelState.AddModelError(field, text["Inbox.Error.Closed"]);
        }
        else if (!request.MayForward)
        {
            // Consent first (PRODUCT.md): nothing changes; the page offers to ask the sender instead.
            ModelState.AddModelError(field, text["Inbox.Forward.NoConsent"]);
        }

        if (!ModelState.IsValid || target is not { } serviceId)
        {
            return await ShowAsync(request, cancellationToken);
        }

        request.ForwardTo(serviceId, clock.GetUtcNow());
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, field, cancellationToken);
        }

        return await LeaveOrStayAsync(request, "transferee");
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid id, [FromForm(Name = nameof(Assign))] ServiceInput assign, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, HelpRequestOperations.View, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (!await IsAllowedAsync(request, HelpRequestOperations.Assign))
        {
            return Forbid();
        }

        Assign = assign;
        var field = $"{nameof(Assign)}.{nameof(ServiceInput.ServiceId)}";
        var target = await ValidServiceAsync(assign.ServiceId, request, field, cancellationToken);
        if (request.IsClosed)
        {
            ModelState.AddModelError(field, text["Inbox.Error.Closed"]);
        }

        if (!ModelState.IsValid || target is not { } serviceId)
        {
            return await ShowAsync(request, cancellationToken);
        }

        request.AssignFromTriage(serviceId, clock.GetUtcNow());
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, field, cancellationToken);
        }

        return await LeaveOrStayAsync(request, "attribuee");
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, [FromForm(Name = nameof(Close))] CloseInput close, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, HelpRequestOperations.Close, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        Close = close;
        var field = $"{nameof(Close)}.{nameof(CloseInput.Outcome)}";
        if (request.IsClosed)
        {
            ModelState.AddModelError(field, text["Inbox.Error.Closed"]);
        }
        else if (close.Outcome is { } named && !Outcomes.Contains(named))
        {
            // A declared outcome that is not the professionals' to give (the sender's, the expiry job's).
            ModelState.AddModelError(field, text["Inbox.Close.Required"]);
        }

        if (!ModelState.IsValid || close.Outcome is not { } chosen)
        {
            return await ShowAsync(request, cancellationToken);
        }

        request.Close(chosen, clock.GetUtcNow());
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, field, cancellationToken);
        }

        return RedirectToPage(new { id, fait = "cloturee" });
    }

    /// <summary>The request, if the person may do <paramref name="operation"/> on it; otherwise it does not exist for them.</summary>
    private async Task<HelpRequest?> FindAsync(Guid id, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var request = await db.HelpRequests.Include(r => r.Messages).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return request is not null && await IsAllowedAsync(request, operation) ? request : null;
    }

    private async Task<bool> IsAllowedAsync(HelpRequest request, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, request, operation)).Succeeded;

    /// <summary>The database's part of the check: a service that exists, other than the request's own.</summary>
    private async Task<int?> ValidServiceAsync(int? value, HelpRequest request, string field, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return null;
        }

        if (value is { } serviceId
            && serviceId != request.PartnerServiceId
            && await db.PartnerServices.AnyAsync(s => s.Id == serviceId, cancellationToken))
        {
            return serviceId;
        }

        ModelState.AddModelError(field, text["Inbox.Service.Required"]);
        return null;
    }

    /// <summary>After a forward or an assignment the request may have left the person's sight: back to the inbox then.</summary>
    private async Task<IActionResult> LeaveOrStayAsync(HelpRequest request, string done) =>
        await IsAllowedAsync(request, HelpRequestOperations.View)
            ? RedirectToPage(new { id = request.Id, fait = done })
            : RedirectToPage("Index", new { fait = done });

    /// <summary>Adds an answer to the thread; false when the request changed meanwhile (nothing written).</summary>
    private async Task<bool> WriteAsync(HelpRequest request, string body, CancellationToken cancellationToken)
    {
        var messageId = Guid.CreateVersion7();
        var encrypted = await cipher.EncryptAsync(body, HelpColumns.MessageBody(messageId, request.Id, MessageAuthor.Service), cancellationToken);
        var message = request.Write(MessageAuthor.Service, encrypted, messageId, User.ProfessionalId(), clock.GetUtcNow());
        db.HelpMessages.Add(message);
        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken);
    }

    /// <summary>The later of two conflicting changes: the request as it is now, the refusal said, what was typed kept.</summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, string field, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var request = await FindAsync(id, HelpRequestOperations.View, cancellationToken);
        if (request is null)
        {
            // Passed on to another service, or expired, meanwhile: it is no longer this person's to see.
            return NotFound();
        }

        // Next to the form's field while the form is still there; a closed request has none, and shows the unsent answer instead.
        ModelState.Clear();
        ModelState.AddModelError(request.IsClosed ? string.Empty : field, text["Inbox.Error.Changed"]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(request, cancellationToken);
    }

    /// <summary>
    /// A sender who chose e-mail is told that something awaits them at /suivi, never what
    /// (PRODUCT.md: nothing sensitive leaves by e-mail). A failed delivery does not undo the answer:
    /// the thread holds it and the sender can still come with the receipt code.
    /// </summary>
    private async Task NotifySenderAsync(HelpRequest request, CancellationToken cancellationToken)
    {
        if (request.ReplyChannel != ReplyChannel.Email || request.Contact is null)
        {
            return;
        }

        // An address that does not open is audited by HelpTexts; nobody is written to then.
        if (await texts.ContactAsync(request, cancellationToken) is not { } address)
        {
            return;
        }

        try
        {
            await mailer.SendNotificationAsync(address, new Uri(SiteAddress.For(HttpContext), "/suivi"), cancellationToken);
        }
        catch (MailDeliveryException)
        {
            Log.NotificationFailed(logger, request.Id);
        }
    }

    private async Task<PageResult> ShowAsync(HelpRequest request, CancellationToken cancellationToken)
    {
        Item = request;
        Text = await texts.TextAsync(request, cancellationToken);
        Contact = await texts.ContactAsync(request, cancellationToken);
        ContactUnreadable = request.Contact is not null && Contact is null;
        var thread = new List<ThreadMessage>();
        var authorIds = request.Messages.Where(m => m.ProfessionalId is not null).Select(m => m.ProfessionalId!.Value).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(p => authorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        foreach (var message in request.Messages.OrderBy(m => m.At.UtcTicks))
        {
            var body = await texts.BodyAsync(message, cancellationToken);
            thread.Add(new ThreadMessage(message.Author, message.ProfessionalId is { } who && authors.TryGetValue(who, out var name) ? name : null, message.At, body));
        }

        Thread = thread;
        var services = (await directory.GetAsync(cancellationToken)).All(CashCultures.CurrentLanguage);
        ServiceName = services.NameOf(request.PartnerServiceId);
        OtherServices = [.. services.Where(s => s.Id != request.PartnerServiceId)];
        SchoolName = request.SchoolId is null ? null : await db.Schools.Where(s => s.Id == request.SchoolId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);
        MayAssign = await IsAllowedAsync(request, HelpRequestOperations.Assign);
        var situation = await db.Situations.AsNoTracking().Where(s => s.HelpRequestId == request.Id).Select(s => new { s.Id, s.Reference }).FirstOrDefaultAsync(cancellationToken);
        if (situation is not null)
        {
            var visible = await db.Situations.AsNoTracking().Allowing(SituationAccess.Rule, User, SituationOperations.ViewMetadata).AnyAsync(s => s.Id == situation.Id, cancellationToken);
            Situation = (situation.Id, situation.Reference, visible);
        }

        MayOpenSituation = situation is null && User.ServiceId() is not null;
        ViewData["Section"] = "inbox";

        // Every display of the decrypted request is a read (PRODUCT.md: audit every read).
        await audit.RecordReadAsync(request, cancellationToken: cancellationToken);
        return Page();
    }

    /// <summary>One message as the page shows it; <see cref="Body"/> is null when it cannot be read (the page says so).</summary>
    public sealed record ThreadMessage(MessageAuthor Author, string? ProfessionalName, DateTimeOffset At, string? Body);

    public sealed class AnswerInput
    {
        [Required(ErrorMessage = "Inbox.Answer.Required")]
        [MaxTrimmedLength(MaxAnswerLength, ErrorMessage = "Inbox.Answer.TooLong")]
        public string? Body { get; set; }
    }

    public sealed class ServiceInput
    {
        /// <summary>A partner service id, as the select sends it.</summary>
        [Required(ErrorMessage = "Inbox.Service.Required")]
        public int? ServiceId { get; set; }
    }

    public sealed class CloseInput
    {
        /// <summary>One of <see cref="Outcomes"/>, bound strictly (Forms/StrictEnums.cs).</summary>
        [Required(ErrorMessage = "Inbox.Close.Required")]
        public HelpOutcome? Outcome { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "The notification for help request {RequestId} could not be sent.")]
        public static partial void NotificationFailed(ILogger logger, Guid requestId);
    }
}
