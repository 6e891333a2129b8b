using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.Mail;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.HelpRequests;

/// <summary>
/// Every hour, the requests a service has not acknowledged within two working days are flagged for
/// the coordinators (issue 4) and each active coordinator gets one content-free e-mail per run that
/// found some, with a link to the inbox. A request is escalated once (<see cref="HelpRequest.MarkEscalated"/>).
/// </summary>
public sealed partial class EscalationJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<EscalationJob> logger) : PeriodicJob(clock, logger)
{
    public const int WorkingDaysToAcknowledge = 2;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    /// <summary>Escalates what is late at <paramref name="now"/>; returns how many requests were escalated.</summary>
    public async Task<int> EscalateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();

        // Addressed to a service (the triage is the coordinators' own list), new, never escalated; the working-day rule is applied here.
        var candidates = await db.HelpRequests
            .Where(r => r.PartnerServiceId != null && r.Status == HelpRequestStatus.New && r.EscalatedAt == null)
            .ToListAsync(cancellationToken);
        var late = candidates.Where(r => r.NeedsEscalation(now, WorkingDaysToAcknowledge)).ToList();
        if (late.Count == 0)
        {
            return 0;
        }

        // One at a time: a service acknowledging one of them meanwhile (its version moved on) leaves
        // that one alone without holding back the others.
        var escalated = 0;
        foreach (var request in late)
        {
            request.MarkEscalated(now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                escalated++;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(request).State = EntityState.Detached;
                Log.Conflict(logger);
            }
        }

        if (escalated == 0)
        {
            return 0;
        }

        var mailer = scope.ServiceProvider.GetRequiredService<Mailer>();
        var coordinators = await db.Users.AsNoTracking()
            .Where(p => p.Role == ProRole.Coordinator && p.DisabledAt == null && p.Email != null)
            .Select(p => p.Email!)
            .ToListAsync(cancellationToken);
        var link = new Uri(BaseUrl, "/pro/demandes");
        foreach (var address in coordinators)
        {
            try
            {
                await mailer.SendNotificationAsync(address, link, cancellationToken);
            }
            catch (MailDeliveryException)
            {
                // The flag in the triage list stays: the coordinators see it on their next visit.
                Log.NotificationFailed(logger);
            }
        }

        Log.Escalated(logger, escalated);
        return escalated;
    }

    protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => EscalateAsync(now, cancellationToken);

    private Uri BaseUrl => SiteAddress.Configured(configuration) ?? new Uri("https://localhost");

    private static partial class Log
    {
        [LoggerMessage(EventId = 4510, Level = LogLevel.Information, Message = "Escalated {Count} help requests to the coordinators.")]
        public static partial void Escalated(ILogger logger, int count);

        [LoggerMessage(EventId = 4511, Level = LogLevel.Warning, Message = "An escalation notification could not be sent.")]
        public static partial void NotificationFailed(ILogger logger);

        [LoggerMessage(EventId = 4512, Level = LogLevel.Information, Message = "A request changed while being escalated; it is looked at again on the next run.")]
        public static partial void Conflict(ILogger logger);
    }
}
