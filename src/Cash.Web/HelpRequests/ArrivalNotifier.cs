using System.Threading.Channels;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Mail;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.HelpRequests;

/// <summary>
/// Tells a service that a request arrived: one content-free e-mail ("something awaits you" and a
/// link to the inbox) to the service's address, or to every coordinator for the "orient me" triage.
/// Sent in the background after the request is committed, so a slow or failing mail server never
/// delays or loses a young person's request; the inbox and the two-working-day escalation are the
/// safety net when a message does not arrive.
/// </summary>
public sealed partial class ArrivalNotifier(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ArrivalNotifier> logger) : BackgroundService
{
    private readonly Channel<int?> arrivals = Channel.CreateBounded<int?>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>Queues the notice of a request for <paramref name="partnerServiceId"/> (null: the triage).</summary>
    public void Arrived(int? partnerServiceId)
    {
        if (!arrivals.Writer.TryWrite(partnerServiceId))
        {
            Log.QueueFull(logger);
        }
    }

    /// <summary>
    /// Sends the notices waiting now, one per service however many requests arrived for it
    /// meanwhile (the message only says that something awaits); for tests and the background loop.
    /// </summary>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        var waiting = new HashSet<int?>();
        while (arrivals.Reader.TryRead(out var serviceId))
        {
            waiting.Add(serviceId);
        }

        foreach (var serviceId in waiting)
        {
            await SendAsync(serviceId, cancellationToken);
        }

        return waiting.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await arrivals.Reader.WaitToReadAsync(stoppingToken))
            {
                await SendPendingAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: what is left is caught by the escalation job.
        }
    }

    private async Task SendAsync(int? serviceId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
            var addresses = serviceId is { } id
                ? await db.PartnerServices.AsNoTracking().Where(s => s.Id == id && s.Email != "").Select(s => s.Email).ToListAsync(cancellationToken)
                : await db.Users.AsNoTracking()
                    .Where(p => p.Role == ProRole.Coordinator && p.DisabledAt == null && p.Email != null)
                    .Select(p => p.Email!).ToListAsync(cancellationToken);
            var mailer = scope.ServiceProvider.GetRequiredService<Mailer>();
            var link = new Uri(BaseUrl, "/pro/demandes");
            foreach (var address in addresses)
            {
                await mailer.SendNotificationAsync(address, link, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.Failed(logger, exception.GetType().Name);
        }
    }

    private Uri BaseUrl => SiteAddress.Configured(configuration) ?? new Uri("https://localhost");

    private static partial class Log
    {
        [LoggerMessage(EventId = 4620, Level = LogLevel.Warning, Message = "An arrival notification could not be sent ({Error}); the inbox and the escalation still show the request.")]
        public static partial void Failed(ILogger logger, string error);

        [LoggerMessage(EventId = 4621, Level = LogLevel.Warning, Message = "The arrival notification queue is full; a notification was dropped.")]
        public static partial void QueueFull(ILogger logger);
    }
}
