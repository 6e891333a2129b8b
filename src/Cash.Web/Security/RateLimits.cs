using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace Cash.Web.Security;

/// <summary>
/// Limits on the doors that guess at secrets (QUALITY.md, anti-abuse): the sign-in steps, the
/// password confirmation and the invitation form, per client (<see cref="ClientAddress"/>: an IPv6
/// /64 is one client). A person's own lockout (5 failures) stops guessing one account; this stops
/// one client guessing many. Refused requests get 429 and the friendly "too many requests" page.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    /// <summary>"Mot de passe oublié" requests per client and hour; each address has its own limit too (<c>People/PasswordResetRequests</c>).</summary>
    public const string PasswordReset = "password-reset";

    /// <summary>Fetches of personal calendar feeds (<c>/agenda/{token}.ics</c>) per client and hour.</summary>
    public const string CalendarFeed = "calendar-feed";

    public const string Section = "RateLimits";

    public static WebApplicationBuilder AddCashRateLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Behind the reverse proxy of the deployment (README), the client is the address it forwards.
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        var attempts = builder.Configuration.GetValue($"{Section}:SignInAttemptsPerWindow", 20);
        var window = TimeSpan.FromMinutes(builder.Configuration.GetValue($"{Section}:SignInWindowMinutes", 5));
        var resets = builder.Configuration.GetValue($"{Section}:PasswordResetRequestsPerClientPerHour", 10);
        var feeds = builder.Configuration.GetValue($"{Section}:CalendarFeedRequestsPerClientPerHour", 120);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                var retryAfter = policy is PasswordReset or CalendarFeed ? TimeSpan.FromHours(1) : window;
                context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SignIn, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetSlidingWindowLimiter(
                    ClientAddress.PartitionKey(context),
                    _ => new SlidingWindowRateLimiterOptions { PermitLimit = attempts, Window = window, SegmentsPerWindow = 5, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("reading"));
            options.AddPolicy(PasswordReset, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetSlidingWindowLimiter(
                    ClientAddress.PartitionKey(context),
                    _ => new SlidingWindowRateLimiterOptions { PermitLimit = Math.Max(1, resets), Window = TimeSpan.FromHours(1), SegmentsPerWindow = 12, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("reading"));
            options.AddPolicy(CalendarFeed, context => RateLimitPartition.GetSlidingWindowLimiter(
                ClientAddress.PartitionKey(context),
                _ => new SlidingWindowRateLimiterOptions { PermitLimit = Math.Max(1, feeds), Window = TimeSpan.FromHours(1), SegmentsPerWindow = 12, QueueLimit = 0 }));
        });
        return builder;
    }
}
