using System.Collections.Concurrent;
using Cash.Web.Audit;
using Cash.Web.Domain.Audit;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// Reports a key found in the database that the key rings refuse to use: one not sealed under the
/// master key, altered, or naming metadata its seal does not cover. Only someone writing to the
/// database behind the application's back puts one there, so each is a security event: logged as a
/// warning and added to the audit trail, once per process for each row as it then stood.
/// </summary>
/// <remarks>
/// The key rings are read deep inside other work (a cookie being read, a value being encrypted),
/// sometimes synchronously and inside a transaction of the caller's, so the audit entry is queued
/// and not awaited: on SQLite, waiting for it there could wait on the caller's own write lock.
/// </remarks>
public sealed partial class KeyRefusals(IServiceProvider services, ILogger<KeyRefusals> logger)
{
    private readonly ConcurrentDictionary<(string EntityType, string EntityId, string Fingerprint), bool> reported = new();

    /// <param name="entityType">The table's record: <c>DataProtectionKey</c> or <c>DataKey</c>.</param>
    /// <param name="entityId">The row's id, so an operator can find it.</param>
    /// <param name="fingerprint">What the row held, so the same row altered again is reported again.</param>
    /// <param name="reason">A fixed description; never a value read from the row.</param>
    public void Report(string entityType, string entityId, string fingerprint, string reason)
    {
        if (!reported.TryAdd((entityType, entityId, fingerprint), true))
        {
            return;
        }

        LogRefused(logger, entityType, entityId, reason);
        if (services.GetService<AuditTrail>() is { } audit)
        {
            // Without the caller's context: the refusal is nobody's action, not that of whoever is signed in.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => RecordAsync(audit, entityType, entityId));
            }
        }
    }

    private async Task RecordAsync(AuditTrail audit, string entityType, string entityId)
    {
        try
        {
            await audit.RecordAsync(AuditActions.KeyRefused, AuditOutcome.Denied, entityType, entityId, actorId: null, partnerServiceId: null);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogNotAudited(logger, exception, entityType, entityId);
        }
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning,
        Message = "Security event: {EntityType} {EntityId} in the database is not a key sealed under the master key as this application writes it ({Reason}); it is ignored. Someone with write access to the database may have inserted or altered it.")]
    private static partial void LogRefused(ILogger logger, string entityType, string entityId, string reason);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "The refusal of {EntityType} {EntityId} could not be added to the audit trail")]
    private static partial void LogNotAudited(ILogger logger, Exception exception, string entityType, string entityId);
}
