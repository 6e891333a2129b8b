using System.Threading.RateLimiting;

namespace Cash.Web.HelpRequests;

/// <summary>The window of the help requests' own limits: so many an hour, sliding by five minutes, nothing queued.</summary>
internal static class HourlyWindow
{
    public static SlidingWindowRateLimiterOptions Of(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromHours(1),
        SegmentsPerWindow = 12,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
