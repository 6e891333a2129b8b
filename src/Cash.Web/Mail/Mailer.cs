using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Cash.Web.Domain.People;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace Cash.Web.Mail;

/// <summary>
/// The only way the platform writes to someone. Every message says as little as possible
/// (PRODUCT.md, principle 4): an invitation or "something awaits you", and a link; never a name,
/// a service, a case or any other content. The recipient's language is unknown, so each message
/// carries French, then Dutch, then English.
/// </summary>
public sealed partial class Mailer(IMailSender sender, IOptions<SmtpOptions> options, TimeProvider time, ILogger<Mailer> logger)
{
    /// <summary>The languages of every message, in the order they appear.</summary>
    public static readonly IReadOnlyList<CultureInfo> Cultures =
        [CultureInfo.GetCultureInfo("fr-BE"), CultureInfo.GetCultureInfo("nl-BE"), CultureInfo.GetCultureInfo("en")];

    internal static readonly ResourceManager Texts = new(typeof(Resources.Mail).FullName!, typeof(Resources.Mail).Assembly);

    internal const string LanguageSeparator = "----------";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The single-use link to set a password and two-factor, valid <see cref="Invitation.Validity"/>.</summary>
    /// <exception cref="MailDeliveryException">The address is not one, or the message could not be handed over.</exception>
    public Task SendInvitationAsync(string toAddress, Uri link, CancellationToken cancellationToken)
    {
        var hours = ((int)Invitation.Validity.TotalHours).ToString(CultureInfo.InvariantCulture);
        return SendAsync(MailKind.Invitation, toAddress, link, culture =>
        [
            new(Text("Invitation.Intro", culture)),
            new(Text("Invitation.Action", culture), link),
            new(string.Format(culture, Text("Invitation.Validity", culture), hours)),
            new(Text("Invitation.Ignore", culture)),
            new(Text("Footer", culture)),
        ], cancellationToken);
    }

    /// <summary>"Something awaits you on the CASH platform" and a link: nothing else, whatever awaits.</summary>
    /// <exception cref="MailDeliveryException">The address is not one, or the message could not be handed over.</exception>
    public Task SendNotificationAsync(string toAddress, Uri link, CancellationToken cancellationToken) =>
        SendAsync(MailKind.Notification, toAddress, link, culture =>
        [
            new(Text("Notification.Body", culture)),
            new(Text("Notification.Action", culture), link),
            new(Text("Footer", culture)),
        ], cancellationToken);

    /// <summary>The single-use link to choose a new password, valid <see cref="RecoveryLink.PasswordValidity"/>; it says nothing of the account.</summary>
    /// <exception cref="MailDeliveryException">The address is not one, or the message could not be handed over.</exception>
    public Task SendPasswordResetAsync(string toAddress, Uri link, CancellationToken cancellationToken) =>
        SendAsync(MailKind.PasswordReset, toAddress, link, culture =>
        [
            new(Text("PasswordReset.Intro", culture)),
            new(Text("PasswordReset.Action", culture), link),
            new(Text("PasswordReset.Validity", culture)),
            new(Text("PasswordReset.Ignore", culture)),
            new(Text("Footer", culture)),
        ], cancellationToken);

    /// <summary>The recovery invitation: a single-use link to set up a new authenticator app, valid <see cref="RecoveryLink.SecondFactorValidity"/>.</summary>
    /// <exception cref="MailDeliveryException">The address is not one, or the message could not be handed over.</exception>
    public Task SendSecondFactorResetAsync(string toAddress, Uri link, CancellationToken cancellationToken)
    {
        var hours = ((int)RecoveryLink.SecondFactorValidity.TotalHours).ToString(CultureInfo.InvariantCulture);
        return SendAsync(MailKind.SecondFactorReset, toAddress, link, culture =>
        [
            new(Text("SecondFactorReset.Intro", culture)),
            new(Text("SecondFactorReset.Action", culture), link),
            new(string.Format(culture, Text("SecondFactorReset.Validity", culture), hours)),
            new(Text("SecondFactorReset.Ignore", culture)),
            new(Text("Footer", culture)),
        ], cancellationToken);
    }

    /// <summary>Tells a service lead that an account of the service had its two-factor reset: not whose, not by whom.</summary>
    /// <exception cref="MailDeliveryException">The address is not one, or the message could not be handed over.</exception>
    public Task SendSecondFactorResetNoticeAsync(string toAddress, Uri link, CancellationToken cancellationToken) =>
        SendAsync(MailKind.SecondFactorResetNotice, toAddress, link, culture =>
        [
            new(Text("SecondFactorResetNotice.Body", culture)),
            new(Text("SecondFactorResetNotice.Action", culture), link),
            new(Text("Footer", culture)),
        ], cancellationToken);

    /// <summary>
    /// A notice about referrals and consents: "a referral awaits your service" and a link, never which
    /// situation, person or service, nor its reference (PRODUCT.md, principle 4).
    /// </summary>
    /// <exception cref="MailDeliveryException">The address is not one, or the message could not be handed over.</exception>
    public Task SendReferralNoticeAsync(MailKind kind, string toAddress, Uri link, CancellationToken cancellationToken)
    {
        if (kind is not (MailKind.ReferralReceived or MailKind.ReferralDecided or MailKind.ConsentWithdrawn or MailKind.ReferralOnLegalBasis))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), "Not a notice about referrals or consents.");
        }

        return SendAsync(kind, toAddress, link, culture =>
        [
            new(Text($"{kind}.Body", culture)),
            new(Text($"{kind}.Action", culture), link),
            new(Text("Footer", culture)),
        ], cancellationToken);
    }

    /// <summary>
    /// A person's daily task reminder: how many tasks are due by the next working day and how many are
    /// overdue, and a link to the task list; never a title, a service or a situation.
    /// </summary>
    /// <exception cref="MailDeliveryException">The address is not one, or the message could not be handed over.</exception>
    public Task SendTaskReminderAsync(string toAddress, Uri link, int dueNext, int overdue, CancellationToken cancellationToken) =>
        SendAsync(MailKind.TaskReminder, toAddress, link, culture =>
        [
            new(string.Format(culture, Text("TaskReminder.Body", culture), dueNext, overdue)),
            new(Text("TaskReminder.Action", culture), link),
            new(Text("Footer", culture)),
        ], cancellationToken);

    /// <summary>
    /// A meeting invitation: "your service is invited to a meeting" and a link, with the calendar
    /// entry attached (<paramref name="calendar"/>, an iCalendar REQUEST holding only the title, time
    /// and place). The body says nothing more.
    /// </summary>
    /// <exception cref="MailDeliveryException">The address is not one, or the message could not be handed over.</exception>
    public Task SendMeetingInvitationAsync(string toAddress, Uri link, byte[] calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return SendAsync(MailKind.MeetingInvitation, toAddress, link, culture =>
        [
            new(Text("MeetingInvitation.Body", culture)),
            new(Text("MeetingInvitation.Action", culture), link),
            new(Text("Footer", culture)),
        ], cancellationToken, new CalendarPart("invitation.ics", "REQUEST", calendar));
    }

    /// <summary>
    /// A meeting's cancellation: "a meeting your service was invited to is cancelled" and a link, with
    /// the calendar entry attached (<paramref name="calendar"/>, an iCalendar CANCEL holding only the
    /// title, time and place) so a calendar app drops it. The body says nothing more.
    /// </summary>
    /// <exception cref="MailDeliveryException">The address is not one, or the message could not be handed over.</exception>
    public Task SendMeetingCancellationAsync(string toAddress, Uri link, byte[] calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return SendAsync(MailKind.MeetingCancellation, toAddress, link, culture =>
        [
            new(Text("MeetingCancellation.Body", culture)),
            new(Text("MeetingCancellation.Action", culture), link),
            new(Text("Footer", culture)),
        ], cancellationToken, new CalendarPart("annulation.ics", "CANCEL", calendar));
    }

    internal static string Text(string key, CultureInfo culture) =>
        Texts.GetString(key, culture) ?? throw new InvalidOperationException($"The mail text '{key}' is missing.");

    private async Task SendAsync(MailKind kind, string toAddress, Uri link, Func<CultureInfo, Paragraph[]> body, CancellationToken cancellationToken, CalendarPart? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (!link.IsAbsoluteUri || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The link must be an absolute http(s) address.", nameof(link));
        }

        if (string.IsNullOrWhiteSpace(toAddress) || !MailboxAddress.TryParse(toAddress, out var to))
        {
            // A delivery failure like any other, so callers handle one exception; the value itself
            // stays out of the message, as exceptions end up in logs.
            var refused = new MailDeliveryException("The recipient is not a single valid e-mail address.");
            LogFailed(logger, kind, refused);
            throw refused;
        }

        var message = Compose(kind, to, body, calendar);
        try
        {
            await sender.SendAsync(message, cancellationToken);
        }
        catch (MailDeliveryException e)
        {
            LogFailed(logger, kind, e);
            throw;
        }

        LogHandedOver(logger, kind, options.Value.UsesPickupDirectory ? "written to the pickup directory" : "sent");
    }

    private MimeMessage Compose(MailKind kind, MailboxAddress to, Func<CultureInfo, Paragraph[]> body, CalendarPart? calendar)
    {
        var from = MailboxAddress.Parse(options.Value.From);
        var sections = Cultures.Select(culture => (Culture: culture, Paragraphs: body(culture))).ToList();
        var subjectKey = $"{kind}.Subject";
        var subject = $"{Text(subjectKey, Cultures[0])} / {Text(subjectKey, Cultures[1])}";

        var message = new MimeMessage
        {
            Subject = subject,
            Date = time.GetUtcNow(),
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
            Body = Body(sections, subject, calendar),
        };
        message.From.Add(from);
        message.To.Add(to);

        // RFC 3834: no out-of-office or other automatic reply should come back to a no-reply address.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        return message;
    }

    private static MimeEntity Body(List<(CultureInfo Culture, Paragraph[] Paragraphs)> sections, string subject, CalendarPart? calendar)
    {
        var builder = new BodyBuilder { TextBody = PlainText(sections), HtmlBody = HtmlText(subject, sections) };
        if (calendar is not null)
        {
            // RFC 6047: a calendar invitation travels as text/calendar with the method it carries.
            var type = new ContentType("text", "calendar") { Charset = "utf-8" };
            type.Parameters.Add("method", calendar.Method);
            builder.Attachments.Add(calendar.FileName, calendar.Content, type);
        }

        return builder.ToMessageBody();
    }

    private static string PlainText(List<(CultureInfo Culture, Paragraph[] Paragraphs)> sections) =>
        string.Join($"\n\n{LanguageSeparator}\n\n", sections.Select(section => string.Join("\n\n", section.Paragraphs.Select(paragraph =>
            paragraph.Link is null ? paragraph.Text : $"{paragraph.Text}\n{paragraph.Link.AbsoluteUri}")))) + "\n";

    // Plain HTML on purpose: no images, styles from elsewhere or tracking, and a lang on each
    // section so a screen reader switches voice.
    private static string HtmlText(string subject, List<(CultureInfo Culture, Paragraph[] Paragraphs)> sections)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n")
            .Append(CultureInfo.InvariantCulture, $"<html lang=\"{Cultures[0].Name}\">\n")
            .Append("<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(subject)}</title>\n</head>\n<body>\n");
        for (var i = 0; i < sections.Count; i++)
        {
            if (i > 0)
            {
                html.Append("<hr>\n");
            }

            html.Append(CultureInfo.InvariantCulture, $"<div lang=\"{sections[i].Culture.Name}\">\n");
            foreach (var paragraph in sections[i].Paragraphs)
            {
                html.Append("<p>").Append(Html.Encode(paragraph.Text));
                if (paragraph.Link is not null)
                {
                    var link = Html.Encode(paragraph.Link.AbsoluteUri);
                    html.Append(CultureInfo.InvariantCulture, $"<br>\n<a href=\"{link}\">{link}</a>");
                }

                html.Append("</p>\n");
            }

            html.Append("</div>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "{Kind} e-mail {Outcome}")]
    private static partial void LogHandedOver(ILogger logger, MailKind kind, string outcome);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Kind} e-mail could not be delivered")]
    private static partial void LogFailed(ILogger logger, MailKind kind, Exception exception);

    private sealed record Paragraph(string Text, Uri? Link = null);

    /// <summary>An iCalendar attachment: its file name, the method it carries (REQUEST, CANCEL) and its text.</summary>
    private sealed record CalendarPart(string FileName, string Method, byte[] Content);
}
