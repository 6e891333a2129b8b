using System.Globalization;
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
    IAuthorizationService authorization,
    FieldCipher cipher,
    AuditTrail audit,
    Mailer mailer,
    TimeProvider clock,
    IStringLocalizer<ProSpace> text,
    ILogger<DetailsModel> logger) : PageModel
{
    public const int MaxAnswerLength = 5000;

    /// <summary>The outcomes a professional chooses from; the others are the sender's or the expiry job's.</summary>
    public static readonly IReadOnlyList<HelpOutcome> Outcomes = [HelpOutcome.Answered, HelpOutcome.OrientedElsewhere, HelpOutcome.NoNewsFromSender, HelpOutcome.Spam];

    [BindProperty]
    public AnswerInput Answer { get; set; } = new();

    [BindProperty]
    public ServiceInput Forward { get; set; } = new();

    [BindProperty]
    public ServiceInput Assign { get; set; } = new();

    [BindProperty]
    public CloseInput Close { get; set; } = new();

    /// <summary>What was just done (post, redirect, get): see the notices of the page.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public HelpRequest Item { get; private set; } = null!;

    public string Text { get; private set; } = "";

    public string? Contact { get; private set; }

    public string? SchoolName { get; private set; }

    public string? ServiceName { get; private set; }

    public IReadOnlyList<ThreadMessage> Thread { get; private set; } = [];

    /// <summary>The services the request may go to: every one but its own.</summary>
    public IReadOnlyList<ServiceChoice> OtherServices { get; private set; } = [];

    public bool MayAssign { get; private set; }

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
            await db.SaveChangesAsync(cancellationToken);
        }

        return RedirectToPage(new { id, fait = "accuse" });
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, HelpRequestOperations.Answer, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        var body = Answer.Body?.Trim() ?? "";
        var field = $"{nameof(Answer)}.{nameof(AnswerInput.Body)}";
        if (request.IsClosed)
        {
            ModelState.AddModelError(field, text["Inbox.Error.Closed"]);
        }
        else if (body.Length == 0)
        {
            ModelState.AddModelError(field, text["Inbox.Answer.Required"]);
        }
        else if (body.Length > MaxAnswerLength)
        {
            ModelState.AddModelError(field, text["Inbox.Answer.TooLong", MaxAnswerLength]);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(request, cancellationToken);
        }

        await WriteAsync(request, body, cancellationToken);
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

        ModelState.Clear();
        if (request.IsClosed)
        {
            ModelState.AddModelError(nameof(Forward) + "." + nameof(ServiceInput.ServiceId), text["Inbox.Error.Closed"]);
            return await ShowAsync(request, cancellationToken);
        }

        await WriteAsync(request, text["Inbox.AskConsent.Message"], cancellationToken);
        await NotifySenderAsync(request, cancellationToken);
        return RedirectToPage(new { id, fait = "consentement" });
    }

    public async Task<IActionResult> OnPostForwardAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, HelpRequestOperations.Forward, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        var field = $"{nameof(Forward)}.{nameof(ServiceInput.ServiceId)}";
        var target = await ValidServiceAsync(Forward.ServiceId, request, field, cancellationToken);
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
        await db.SaveChangesAsync(cancellationToken);
        return await LeaveOrStayAsync(request, "transferee");
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken cancellationToken)
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

        ModelState.Clear();
        var field = $"{nameof(Assign)}.{nameof(ServiceInput.ServiceId)}";
        var target = await ValidServiceAsync(Assign.ServiceId, request, field, cancellationToken);
        if (request.IsClosed)
        {
            ModelState.AddModelError(field, text["Inbox.Error.Closed"]);
        }

        if (!ModelState.IsValid || target is not { } serviceId)
        {
            return await ShowAsync(request, cancellationToken);
        }

        request.AssignFromTriage(serviceId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await LeaveOrStayAsync(request, "attribuee");
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, HelpRequestOperations.Close, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        var field = $"{nameof(Close)}.{nameof(CloseInput.Outcome)}";
        HelpOutcome? outcome = Enum.TryParse<HelpOutcome>(Close.Outcome, out var parsed) && Outcomes.Contains(parsed) ? parsed : null;
        if (request.IsClosed)
        {
            ModelState.AddModelError(field, text["Inbox.Error.Closed"]);
        }
        else if (outcome is null)
        {
            ModelState.AddModelError(field, text["Inbox.Close.Required"]);
        }

        if (!ModelState.IsValid || outcome is not { } chosen)
        {
            return await ShowAsync(request, cancellationToken);
        }

        request.Close(chosen, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
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

    private async Task<int?> ValidServiceAsync(string? value, HelpRequest request, string field, CancellationToken cancellationToken)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var serviceId)
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
            : RedirectToPage("Index", new { fait = "transferee" });

    private async Task WriteAsync(HelpRequest request, string body, CancellationToken cancellationToken)
    {
        var messageId = Guid.CreateVersion7();
        var encrypted = await cipher.EncryptAsync(body, HelpColumns.MessageBody(messageId), cancellationToken);
        var message = request.Write(MessageAuthor.Service, encrypted, messageId, User.ProfessionalId(), clock.GetUtcNow());
        db.HelpMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
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

        var address = await cipher.DecryptAsync(request.Contact, HelpColumns.Contact(request.Id), cancellationToken);
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
        Text = await cipher.DecryptAsync(request.Text, HelpColumns.Text(request.Id), cancellationToken);
        Contact = request.Contact is null ? null : await cipher.DecryptAsync(request.Contact, HelpColumns.Contact(request.Id), cancellationToken);
        var thread = new List<ThreadMessage>();
        var authorIds = request.Messages.Where(m => m.ProfessionalId is not null).Select(m => m.ProfessionalId!.Value).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(p => authorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        foreach (var message in request.Messages.OrderBy(m => m.At.UtcTicks))
        {
            var body = await cipher.DecryptAsync(message.Body, HelpColumns.MessageBody(message.Id), cancellationToken);
            thread.Add(new ThreadMessage(message.Author, message.ProfessionalId is { } who && authors.TryGetValue(who, out var name) ? name : null, message.At, body));
        }

        Thread = thread;
        var services = await db.PartnerServices.ChoicesAsync(CashCultures.CurrentLanguage, cancellationToken);
        ServiceName = services.NameOf(request.PartnerServiceId);
        OtherServices = [.. services.Where(s => s.Id != request.PartnerServiceId)];
        SchoolName = request.SchoolId is null ? null : await db.Schools.Where(s => s.Id == request.SchoolId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);
        MayAssign = await IsAllowedAsync(request, HelpRequestOperations.Assign);
        ViewData["Section"] = "inbox";

        // Every display of the decrypted request is a read (PRODUCT.md: audit every read).
        await audit.RecordReadAsync(request, cancellationToken: cancellationToken);
        return Page();
    }

    public sealed record ThreadMessage(MessageAuthor Author, string? ProfessionalName, DateTimeOffset At, string Body);

    public sealed class AnswerInput
    {
        public string? Body { get; set; }
    }

    public sealed class ServiceInput
    {
        /// <summary>A partner service id, as the select sends it.</summary>
        public string? ServiceId { get; set; }
    }

    public sealed class CloseInput
    {
        /// <summary>A <see cref="HelpOutcome"/> name among <see cref="Outcomes"/>.</summary>
        public string? Outcome { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "The notification for help request {RequestId} could not be sent.")]
        public static partial void NotificationFailed(ILogger logger, Guid requestId);
    }
}
