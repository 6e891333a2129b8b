using System.Threading.Channels;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Situations;

/// <summary>
/// One content-free e-mail about a referral or a consent: its kind, to whom (a service, or the
/// coordinators), and the link it carries. Nothing else travels with it, so nothing else can end up
/// in the message.
/// </summary>
public sealed record ReferralNotice(MailKind Kind, int? ServiceId, Uri Link)
{
    /// <summary>To a service: its public address, or its members when it has none.</summary>
    public static ReferralNotice ToService(MailKind kind, int serviceId, Uri link) => new(kind, serviceId, link);

    /// <summary>To every active coordinator.</summary>
    public static ReferralNotice ToCoordinators(MailKind kind, Uri link) => new(kind, null, link);
}

/// <summary>
/// Tells services of referrals and consents (PRODUCT.md, principle 4: "something awaits you", never
/// what): a service asked to join, a referring service whose request was decided, a lead service
/// whose situation lost a consent, the coordinators of a referral made on a legal basis. The pages
/// queue a notice only once their save succeeded, and the message leaves in the background, so a
/// slow or failing mail server neither delays nor undoes a decision; <c>/pro/relais</c> and the
/// situation's referrals page show the same news to whoever opens them.
/// </summary>
public sealed partial class ReferralNotifier(IServiceScopeFactory scopes, ILogger<ReferralNotifier> logger) : BackgroundService
{
    private readonly Channel<ReferralNotice> notices = Channel.CreateBounded<ReferralNotice>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = false });

    /// <summary>Queues a notice; call it after the change it tells of is saved.</summary>
    public void Queue(ReferralNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (!notices.Writer.TryWrite(notice))
        {
            Log.QueueFull(logger);
        }
    }

    /// <summary>Sends the notices waiting now, the same one once however often it was queued meanwhile; for tests and the background loop.</summary>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        var waiting = new HashSet<ReferralNotice>();
        while (notices.Reader.TryRead(out var notice))
        {
            waiting.Add(notice);
        }

        foreach (var notice in waiting)
        {
            await SendAsync(notice, cancellationToken);
        }

        return waiting.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await notices.Reader.WaitToReadAsync(stoppingToken))
            {
                await SendPendingAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the pages still show what the lost notices would have pointed to.
        }
    }

    private async Task SendAsync(ReferralNotice notice, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
            var mailer = scope.ServiceProvider.GetRequiredService<Mailer>();
            foreach (var address in await RecipientsAsync(db, notice.ServiceId, cancellationToken))
            {
                try
                {
                    await mailer.SendReferralNoticeAsync(notice.Kind, address, notice.Link, cancellationToken);
                }
                catch (MailDeliveryException)
                {
                    // The mailer logged it; the other recipients still get theirs.
                    Log.Failed(logger, notice.Kind);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.Unsent(logger, notice.Kind, exception.GetType().Name);
        }
    }

    private static async Task<List<string>> RecipientsAsync(CashDbContext db, int? serviceId, CancellationToken cancellationToken)
    {
        var people = db.Users.AsNoTracking().Where(p => p.DisabledAt == null && p.Email != null);
        if (serviceId is not { } id)
        {
            return await people.Where(p => p.Role == ProRole.Coordinator).Select(p => p.Email!).ToListAsync(cancellationToken);
        }

        var address = await db.PartnerServices.AsNoTracking().Where(s => s.Id == id).Select(s => s.Email).SingleOrDefaultAsync(cancellationToken);
        return !string.IsNullOrWhiteSpace(address)
            ? [address]
            : await people.Where(p => p.PartnerServiceId == id && p.Role != ProRole.Administrator).Select(p => p.Email!).ToListAsync(cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4681, Level = LogLevel.Warning, Message = "A {Kind} notice could not be sent ({Error}); the pages still show what it points to.")]
        public static partial void Unsent(ILogger logger, MailKind kind, string error);

        [LoggerMessage(EventId = 4682, Level = LogLevel.Warning, Message = "A {Kind} notice could not be delivered to one recipient.")]
        public static partial void Failed(ILogger logger, MailKind kind);

        [LoggerMessage(EventId = 4683, Level = LogLevel.Warning, Message = "The referral notice queue is full; a notice was dropped.")]
        public static partial void QueueFull(ILogger logger);
    }
}
