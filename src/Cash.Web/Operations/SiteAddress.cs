namespace Cash.Web.Operations;

/// <summary>
/// The one place that says at which address the site is reached, for absolute links (e-mails, the
/// OpenAPI description): <c>Site:BaseUrl</c>.
/// </summary>
/// <remarks>
/// The host a client names in its request is never trusted for an address that leaves the
/// request: a forged <c>Host</c> header would otherwise end up in an e-mailed link. So the setting
/// is required outside Development, and the server refuses to start without it
/// (<see cref="EnsureConfigured"/>); only in Development, on a developer's own machine, do links
/// fall back to the address the request came to.
/// </remarks>
public static class SiteAddress
{
    public const string ConfigurationKey = "Site:BaseUrl";

    /// <summary>The configured address, when it is a valid http(s) address.</summary>
    public static Uri? Configured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Uri.TryCreate(configuration[ConfigurationKey], UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : null;
    }

    /// <summary>The base of absolute links built while answering <paramref name="context"/>'s request.</summary>
    public static Uri For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        if (Configured(services.GetRequiredService<IConfiguration>()) is { } configured)
        {
            return configured;
        }

        if (services.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            return new Uri($"{context.Request.Scheme}://{context.Request.Host}");
        }

        throw new InvalidOperationException(Missing);
    }

    /// <summary>Stops the server's start outside Development when the address is missing or not an http(s) address.</summary>
    public static void EnsureConfigured(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment() && Configured(configuration) is null)
        {
            throw new InvalidOperationException(Missing);
        }
    }

    private const string Missing =
        $"{ConfigurationKey} is not set to the site's public address (for example Site__BaseUrl=https://cash.mouscron.be). " +
        "It is required outside Development: links sent by e-mail are built from it, never from the Host header of a request.";
}
