using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Localization;
using Cash.Web.Operations;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Security;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Cash.Web.Pages.FollowUp;

/// <summary>
/// The sender's side of a thread (/suivi): the receipt code is typed into a form and posted, never
/// put in an address; the thread then travels as a protected, time-limited ticket in the page's
/// forms (<see cref="FollowUpTickets"/>), so the address stays /suivi throughout and nothing is left
/// in the browser's history. A wrong code and an expired thread get the same answer; a ticket run
/// out, or issued before the thread was closed, brings the code form back with the typed reply kept.
/// </summary>
[AllowAnonymous]
[FormTemplate]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class FollowUpModel(
    CashDbContext db,
    FieldCipher cipher,
    HelpTexts texts,
    ReceiptCodes receipts,
    FollowUpGuard guard,
    ReplyLimiter replies,
    ArrivalNotifier notifier,
    FollowUpTickets tickets,
    TimeProvider clock,
    IOptions<HelpOptions> options,
    PartnerDirectoryCache directory,
    IStringLocalizer<Portal> text) : PageModel
{
    public const string Open = "ouvrir";
    public const string Answer = "repondre";
    public const string AskToClose = "cloturer";
    public const string ConfirmClose = "confirmer-cloture";
    public const string AllowForwarding = "accepter-transfert";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Reply { get; set; }

    [BindProperty(Name = "action")]
    public string? Act { get; set; }

    [BindProperty]
    public string? Ticket { get; set; }

    /// <summary>The reply's one-time key: the same reply sent twice is stored once.</summary>
    [BindProperty]
    public Guid MessageKey { get; set; }

    public ThreadView? Thread { get; private set; }

    /// <summary>Shown above the code form: the ticket ran out, or too many wrong codes.</summary>
    public string? Notice { get; private set; }

    /// <summary>What was just done in the thread, said once at the top.</summary>
    public string? Done { get; private set; }

    public bool ConfirmingClose { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Act is null or Open)
        {
            return await OpenAsync(cancellationToken);
        }

        var ticket = tickets.Read(Ticket);
        var request = ticket is null ? null : await FindAsync(ticket.RequestId, cancellationToken);
        if (ticket is null || request is null || request.IsClosed)
        {
            // The ticket ran out while the person was writing, or the thread was closed since it was
            // issued: their reply waits in the code form, and the code shows the thread as it is now.
            return AskForTheCodeAgain();
        }

        try
        {
            switch (Act)
            {
                case Answer:
                    await AnswerAsync(request, cancellationToken);
                    break;
                case AskToClose:
                    ConfirmingClose = true;
                    break;
                case ConfirmClose:
                    request.Close(HelpOutcome.ClosedBySender, clock.GetUtcNow());
                    await db.SaveChangesAsync(cancellationToken);
                    Done = text["FollowUp.Closed.Done"];
                    break;
                case AllowForwarding when !request.MayForward:
                    request.AllowForwarding(clock.GetUtcNow());
                    await db.SaveChangesAsync(cancellationToken);
                    Done = text["FollowUp.Forwarding.Done"];
                    break;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ChangedMeanwhileAsync(ticket, cancellationToken);
        }

        await ShowAsync(request, ticket.CodeEnteredAt, cancellationToken);
        return Page();
    }

    /// <summary>
    /// The service changed the request (answered, closed, passed it on) while the sender acted: the
    /// later change is refused, nothing was written, and the thread is shown as it is now with what
    /// the sender typed kept.
    /// </summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(FollowUpTicket ticket, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        Done = null;
        ConfirmingClose = false;

        // The ticket was valid when this post began; the thread may have been closed since, and is
        // shown as it is now, without a new ticket (one is only issued for an open thread).
        var request = await FindAsync(ticket.RequestId, cancellationToken);
        if (request is null)
        {
            return AskForTheCodeAgain();
        }

        // Next to the reply box when there still is one; otherwise the typed reply is shown below the thread.
        ModelState.AddModelError(Act == Answer && !request.IsClosed ? nameof(Reply) : string.Empty, text["FollowUp.Changed"]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        await ShowAsync(request, ticket.CodeEnteredAt, cancellationToken);
        return Page();
    }

    private async Task<IActionResult> OpenAsync(CancellationToken cancellationToken)
    {
        var client = ClientAddress.PartitionKey(HttpContext);
        if (!guard.TryCount(client, out var delay))
        {
            Code = null;
            ModelState.Remove(nameof(Code));
            Notice = text["FollowUp.TooMany"];
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "900";
            return Page();
        }

        await Task.Delay(delay, clock, cancellationToken);

        // What was typed is never written back into the page: a near miss of the real code is almost the code.
        var code = ReceiptCodes.Normalize(Code);
        Code = null;
        ModelState.Remove(nameof(Code));
        if (code is null)
        {
            // Not a code at all is not a guess.
            guard.Refund(client);
            ModelState.AddModelError(nameof(Code), text["FollowUp.Code.Format"]);
            return Page();
        }

        var candidates = await db.HelpRequests.Where(r => r.ReceiptId == ReceiptCodes.IdOf(code)).ToListAsync(cancellationToken);
        var request = candidates.FirstOrDefault(r => receipts.Opens(r, code));
        if (candidates.Count == 0)
        {
            receipts.OpensNothing(code);
        }

        // An expired thread is as unknown as a wrong code: the expiry job may simply not have run yet.
        if (request is null || request.IsInactiveSince(clock.GetUtcNow(), options.Value.Inactivity))
        {
            ModelState.AddModelError(nameof(Code), text["FollowUp.Code.NotFound"]);
            return Page();
        }

        guard.Refund(client);

        await ShowAsync(request, codeEnteredAt: clock.GetUtcNow(), cancellationToken);
        return Page();
    }

    private async Task AnswerAsync(HelpRequest request, CancellationToken cancellationToken)
    {
        var words = Reply?.Trim() ?? "";
        if (request.IsClosed)
        {
            return;
        }

        if (words.Length == 0)
        {
            ModelState.AddModelError(nameof(Reply), text["FollowUp.Reply.Required"]);
            return;
        }

        if (words.Length > HelpRequest.MaxTextLength)
        {
            ModelState.AddModelError(nameof(Reply), text["Help.Text.TooLong", HelpRequest.MaxTextLength.ToString("N0", CultureInfo.CurrentCulture)]);
            return;
        }

        var key = MessageKey == Guid.Empty ? Guid.CreateVersion7() : MessageKey;
        if (!await db.HelpMessages.AnyAsync(m => m.Id == key, cancellationToken))
        {
            // Counted only for a reply not stored yet: sending the same one again costs nothing.
            if (!replies.TryAccept(request.Id, ClientAddress.PartitionKey(HttpContext)))
            {
                ModelState.AddModelError(nameof(Reply), text["FollowUp.Reply.TooMany"]);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = "600";
                return;
            }

            var body = await cipher.EncryptAsync(words, HelpColumns.MessageBody(key, request.Id, MessageAuthor.Sender), cancellationToken);
            db.HelpMessages.Add(request.Write(MessageAuthor.Sender, body, key, null, clock.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                notifier.Arrived(request.PartnerServiceId);
            }
            catch (DbUpdateException)
            {
                // The same reply sent twice at the same moment: the other one stored it. Anything else is a real failure.
                if (!await IsStoredAsync(key, cancellationToken))
                {
                    throw;
                }
            }
        }

        Reply = null;
        Done = text["FollowUp.Reply.Done"];
    }

    private async Task<bool> IsStoredAsync(Guid messageKey, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.HelpMessages.AnyAsync(m => m.Id == messageKey, cancellationToken);
    }

    private PageResult AskForTheCodeAgain()
    {
        Notice = text["FollowUp.TicketExpired"];
        Ticket = null;
        return Page();
    }

    private async Task<HelpRequest?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await db.HelpRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return request is null || request.IsInactiveSince(clock.GetUtcNow(), options.Value.Inactivity) ? null : request;
    }

    private async Task ShowAsync(HelpRequest request, DateTimeOffset codeEnteredAt, CancellationToken cancellationToken)
    {
        var language = CashCultures.CurrentLanguage;
        var messages = await db.HelpMessages.AsNoTracking().Where(m => m.HelpRequestId == request.Id).OrderBy(m => m.At).ToListAsync(cancellationToken);
        var services = await directory.GetAsync(cancellationToken);
        string? NameOf(int? id) => services.NameOf(id, language);

        var lines = new List<MessageView>
        {
            new(MessageAuthor.Sender, null, request.CreatedAt, await texts.TextAsync(request, cancellationToken)),
        };
        foreach (var message in messages)
        {
            lines.Add(new MessageView(message.Author, NameOf(message.PartnerServiceId), message.At, await texts.BodyAsync(message, cancellationToken)));
        }

        Thread = new ThreadView(request.Status, request.Outcome, NameOf(request.PartnerServiceId), request.MayForward, request.LastActivityAt + options.Value.Inactivity, lines);
        // Renewed with the moment the code was typed, never later: renewals cannot outlast the cap.
        Ticket = request.IsClosed ? null : tickets.Issue(request.Id, codeEnteredAt);
        if (MessageKey == Guid.Empty || Done is not null)
        {
            MessageKey = Guid.CreateVersion7();
        }
    }

    public sealed record ThreadView(
        HelpRequestStatus Status,
        HelpOutcome? Outcome,
        string? ServiceName,
        bool MayForward,
        DateTimeOffset ExpiresAt,
        IReadOnlyList<MessageView> Messages)
    {
        public bool IsClosed => Status == HelpRequestStatus.Closed;
    }

    /// <summary>One message as the page shows it; <see cref="Body"/> is null when it cannot be read (the page says so).</summary>
    public sealed record MessageView(MessageAuthor Author, string? ServiceName, DateTimeOffset At, string? Body);
}
