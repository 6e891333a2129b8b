using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cash.Web.Mail;

/// <summary>One connection per message: mail here is rare (invitations, notifications), so a pool would only hold sockets open.</summary>
internal sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value;

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (IsDeliveryFailure(e, cancellationToken))
        {
            // The inner exception is left out on purpose: a server's reply often quotes the
            // recipient ("550 <someone@example.org>: no such user"), and whoever logs this would log it.
            throw new MailDeliveryException($"The e-mail could not be delivered through {smtp.Host}:{smtp.Port}: {Describe(e)}.");
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
    };

    private static bool IsDeliveryFailure(Exception e, CancellationToken cancellationToken) =>
        e is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException command => $"the server answered {(int)command.StatusCode} ({command.ErrorCode})",
        SmtpProtocolException => "the server broke the SMTP protocol",
        AuthenticationException => "the server refused the credentials",
        SslHandshakeException => "the TLS handshake failed",
        SocketException socket => $"no connection ({socket.SocketErrorCode})",
        NotSupportedException => "the server does not offer what Smtp:Security asks for",
        TimeoutException or OperationCanceledException => "the server did not answer in time",
        ServiceNotConnectedException or IOException => "the connection was lost",
        _ => e.GetType().Name,
    };
}
