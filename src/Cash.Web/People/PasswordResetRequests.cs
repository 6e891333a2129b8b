using System.Threading.Channels;
using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Mail;
using Cash.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.People;

/// <summary>
/// "Mot de passe oublié": the form only queues the address typed and answers at once, the same
/// page in the same time whoever asked; everything that depends on the address — finding the
/// account, making the link, sending it — happens here, in the background, where its cost tells
/// nobody anything. A link goes only to an active account whose two-factor is set up, at most
/// <c>RateLimits:PasswordResetsPerAddressPerHour</c> an hour (counted in the database, so every
/// instance agrees); each request is audited, the ones that sent nothing too.
/// </summary>
/// <remarks>Requests still queued when the process stops are lost: the person asks again.</remarks>
public sealed partial class PasswordResetRequests(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<PasswordResetRequests> logger) : BackgroundService
{
    private readonly Channel<Request> requests = Channel.CreateBounded<Request>(
        new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private int PerAddressPerHour => Math.Max(1, configuration.GetValue($"{RateLimits.Section}:PasswordResetsPerAddressPerHour", 3));

    /// <summary>Queues a request for <paramref name="email"/>; links in the e-mail start with <paramref name="baseUrl"/>.</summary>
    public void Ask(string email, Uri baseUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!requests.Writer.TryWrite(new Request(email.Trim(), baseUrl)))
        {
            Log.QueueFull(logger);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await requests.Reader.WaitToReadAsync(stoppingToken))
            {
                while (requests.Reader.TryRead(out var request))
                {
                    await HandleAsync(request, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task HandleAsync(Request request, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<CashDbContext>();
            var audit = services.GetRequiredService<AuditTrail>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var person = await services.GetRequiredService<UserManager<Professional>>().FindByEmailAsync(request.Email);
            if (person is null || person.IsDisabled || !person.TwoFactorEnabled || person.Email is null)
            {
                // Unknown, disabled, or never finished its invitation: nothing to send, and the page said the same.
                await audit.RecordAsync(AuditActions.PasswordResetRequest, AuditOutcome.Failure, nameof(Professional), person?.Id.ToString(),
                    partnerServiceId: person?.PartnerServiceId, cancellationToken: cancellationToken);
                return;
            }

            var since = now - TimeSpan.FromHours(1);
            var recent = await db.RecoveryLinks.CountAsync(l => l.ProfessionalId == person.Id && l.Purpose == RecoveryPurpose.Password && l.CreatedAt > since, cancellationToken);
            if (recent >= PerAddressPerHour)
            {
                await audit.RecordAsync(AuditActions.PasswordResetRequest, AuditOutcome.Denied, nameof(Professional), person.Id.ToString(),
                    partnerServiceId: person.PartnerServiceId, cancellationToken: cancellationToken);
                return;
            }

            // Only the newest link works.
            var open = await db.RecoveryLinks
                .Where(l => l.ProfessionalId == person.Id && l.Purpose == RecoveryPurpose.Password && l.UsedAt == null && l.RevokedAt == null)
                .ToListAsync(cancellationToken);
            foreach (var earlier in open)
            {
                earlier.Revoke(now);
            }

            var (link, token) = services.GetRequiredService<RecoveryLinks>().Create(person.Id, RecoveryPurpose.Password, issuedById: null, now);
            db.RecoveryLinks.Add(link);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(AuditActions.PasswordResetRequest, AuditOutcome.Success, nameof(Professional), person.Id.ToString(),
                partnerServiceId: person.PartnerServiceId, cancellationToken: cancellationToken);
            await services.GetRequiredService<Mailer>().SendPasswordResetAsync(person.Email, new Uri(request.BaseUrl, ResetPath + token), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The type only: the message of a mail or database error may quote the address.
            Log.Failed(logger, exception.GetType().Name);
        }
    }

    /// <summary>Where a link leads; the page lives at this address plus the token.</summary>
    public const string ResetPath = "/pro/connexion/nouveau-mot-de-passe/";

    /// <param name="Email">Kept in memory only until handled; never logged.</param>
    private sealed record Request(string Email, Uri BaseUrl);

    private static partial class Log
    {
        [LoggerMessage(EventId = 4630, Level = LogLevel.Warning, Message = "A password reset request could not be handled ({Error}); the person can ask again.")]
        public static partial void Failed(ILogger logger, string error);

        [LoggerMessage(EventId = 4631, Level = LogLevel.Warning, Message = "The password reset queue is full; a request was dropped.")]
        public static partial void QueueFull(ILogger logger);
    }
}
