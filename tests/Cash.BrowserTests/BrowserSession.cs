using Microsoft.Playwright;

namespace Cash.BrowserTests;

/// <summary>One test's browser context and page; closing it forgets cookies and history.</summary>
public sealed class BrowserSession(CashSite site, IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    /// <summary>Opens a path of the application and returns the HTTP status of the document.</summary>
    public async Task<int> GoToAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        return response?.Status ?? throw new InvalidOperationException($"No response for {path}.");
    }

    /// <summary>Whether the page currently shows the application (and not the neutral site or a blank page).</summary>
    public bool IsOnSite => site.IsOnSite(Page.Url);

    /// <summary>The <c>lang</c> attribute of the document.</summary>
    public Task<string?> DocumentLanguageAsync() => Page.Locator("html").GetAttributeAsync("lang");

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}
