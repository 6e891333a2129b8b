using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Cash.Web.HelpRequests;

/// <summary>
/// Limits how many help requests are accepted, per client address and for the whole site. It is
/// asked by the form itself rather than by the rate-limiting middleware, so a refused person sees
/// their form again with everything they typed and a calm message, not an empty error page.
/// </summary>
public sealed class SubmissionLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public SubmissionLimiter(IOptions<HelpLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        var perClient = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetSlidingWindowLimiter(
            client, _ => HourlyWindow.Of(limits.HelpSubmissionsPerClientPerHour)));
        var global = PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetSlidingWindowLimiter(
            "site", _ => HourlyWindow.Of(limits.HelpSubmissionsPerHour)));
        limiter = PartitionedRateLimiter.CreateChained(perClient, global);
    }

    /// <summary>True when one more request from <paramref name="client"/> may be accepted now.</summary>
    public bool TryAccept(string client)
    {
        using var lease = limiter.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
