using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// Lets a test speak from a client address of its choice: the in-memory test server has none, so
/// a header read before the app's own pipeline sets it, as a connection from that address would.
/// Without the header nothing changes.
/// </summary>
public static class ClientAddresses
{
    public const string Header = "X-Test-Client-Address";

    /// <summary>Every request of <paramref name="browser"/> comes from <paramref name="address"/> from now on.</summary>
    public static HttpClient From(this HttpClient browser, string address)
    {
        ArgumentNullException.ThrowIfNull(browser);
        browser.DefaultRequestHeaders.Remove(Header);
        browser.DefaultRequestHeaders.Add(Header, address);
        return browser;
    }

    /// <summary>Registered by <see cref="CashApp"/>: runs first, before the app's pipeline.</summary>
    public sealed class FromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                    context.Request.Headers.Remove(Header);
                }

                return following(context);
            });
            next(app);
        };
    }
}
