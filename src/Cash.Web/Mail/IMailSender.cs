using MimeKit;

namespace Cash.Web.Mail;

/// <summary>Where a finished message goes: an SMTP server, or the pickup directory when none is configured.</summary>
public interface IMailSender
{
    /// <exception cref="MailDeliveryException">The message could not be handed over.</exception>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
