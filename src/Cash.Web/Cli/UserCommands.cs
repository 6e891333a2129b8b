using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.People;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Cli;

/// <summary><c>users invite</c>: how the first administrator of a fresh install gets in.</summary>
internal static class UserCommands
{
    public const string DefaultBaseUrl = "http://127.0.0.1:5080";

    public static async Task<int> InviteAsync(IServiceProvider services, IReadOnlyList<string> options, CancellationToken cancellationToken)
    {
        var email = CommandLine.Option(options, "--email")?.Trim();
        var roleText = CommandLine.Option(options, "--role");
        var slug = CommandLine.Option(options, "--service");
        if (string.IsNullOrEmpty(email) || !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            return await FailAsync("--email must be an e-mail address.");
        }

        if (!Enum.TryParse<ProRole>(roleText, ignoreCase: true, out var role) || !Enum.IsDefined(role))
        {
            return await FailAsync($"--role must be one of: {string.Join(", ", Enum.GetNames<ProRole>())}.");
        }

        int? serviceId = null;
        if (!string.IsNullOrEmpty(slug))
        {
            var db = services.GetRequiredService<CashDbContext>();
            serviceId = await db.PartnerServices.Where(s => s.Slug == slug).Select(s => (int?)s.Id).SingleOrDefaultAsync(cancellationToken);
            if (serviceId is null)
            {
                return await FailAsync($"No partner service has the slug '{slug}'. The slugs are listed at /api/services.");
            }
        }

        if (Professional.NeedsService(role) && serviceId is null)
        {
            return await FailAsync($"A {role} belongs to a partner service: add --service SLUG.");
        }

        var sender = services.GetRequiredService<InvitationSender>();
        if (await sender.HasAccountAsync(email, cancellationToken))
        {
            return await FailAsync("This address already has an account.");
        }

        var sent = await sender.InviteAsync(email, role, serviceId, invitedById: null, new Uri(DefaultBaseUrl), cancellationToken);
        if (!sent.EmailSent)
        {
            await Console.Error.WriteLineAsync("The invitation e-mail could not be sent (check the Smtp settings); the link below works all the same.");
        }

        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Invitation created (role: {role}), valid {Invitation.Validity.TotalHours:0} hours, single use. Open this link to set a password and two-factor authentication:"));
        await Console.Out.WriteLineAsync(sent.Link.ToString());
        return 0;
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}
