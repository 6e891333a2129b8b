using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Cash.Web.HelpRequests;

/// <summary>
/// Limits a sender's replies at /suivi, per thread and per client: whoever holds a code (or many)
/// cannot fill a service's inbox, or the disk, with messages. Asked by the page itself, so a refused
/// person sees the thread again with what they typed and a calm message. In memory, like the other
/// limits: with several instances divide them by the number of instances.
/// </summary>
public sealed class ReplyLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Reply> limiter;

    public ReplyLimiter(IOptions<HelpLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;

        // The client first: a client past its own limit does not use up the thread's replies.
        var perClient = PartitionedRateLimiter.Create<Reply, string>(reply => RateLimitPartition.GetSlidingWindowLimiter(
            reply.Client, _ => HourlyWindow.Of(limits.FollowUpRepliesPerClientPerHour)));
        var perThread = PartitionedRateLimiter.Create<Reply, Guid>(reply => RateLimitPartition.GetSlidingWindowLimiter(
            reply.Thread, _ => HourlyWindow.Of(limits.FollowUpRepliesPerThreadPerHour)));
        limiter = PartitionedRateLimiter.CreateChained(perClient, perThread);
    }

    /// <summary>True when one more reply from <paramref name="client"/> to <paramref name="thread"/> may be stored now.</summary>
    public bool TryAccept(Guid thread, string client)
    {
        using var lease = limiter.AttemptAcquire(new Reply(thread, client));
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();

    private readonly record struct Reply(Guid Thread, string Client);
}
