using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Cash.BrowserTests;

/// <summary>The public side leaks nothing: no fonts, CDN, analytics or any other third party (PRODUCT.md).</summary>
public sealed class KeepingRequestsOnThisMachineTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task EveryPublicPageLoadsOnlyFromThisSite(string culture)
    {
        await using var session = await site.OpenAsync();
        var requested = new ConcurrentQueue<string>();
        session.Context.Request += (_, request) => requested.Enqueue(request.Url);

        foreach (var path in PublicPages.All.Select(p => p.Path).Append(PublicPages.MissingPath))
        {
            await session.Page.GotoAsync(PublicPages.InCulture(path, culture), new() { WaitUntil = WaitUntilState.NetworkIdle });
        }

        Assert.Contains(requested, url => url.Contains("/css/site.css", StringComparison.Ordinal));
        Assert.Contains(requested, url => url.Contains("/js/quick-exit.js", StringComparison.Ordinal));
        var elsewhere = requested.Where(url => new Uri(url).Host is not ("127.0.0.1" or "localhost")).Distinct().ToList();
        Assert.True(elsewhere.Count == 0, "Requests left the site:\n" + string.Join('\n', elsewhere));
    }
}
