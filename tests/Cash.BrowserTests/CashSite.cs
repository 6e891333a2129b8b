using System.Globalization;
using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Resources;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Cash.BrowserTests.CashSite))]

namespace Cash.BrowserTests;

/// <summary>
/// One running application on a loopback port and one headless Chromium for the whole run; each test
/// opens its own browser context (cookies, JavaScript setting, viewport) through <see cref="OpenAsync"/>.
/// The application sends its e-mail to an SMTP server inside the test process (<see cref="Mail"/>).
/// </summary>
public sealed class CashSite : IAsyncLifetime
{
    public const string NeutralUrl = "https://neutral.example/";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
        "--metrics-recording-only", "--no-default-browser-check",
    ];

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "cash-browser-tests-" + Guid.NewGuid().ToString("N"));
    private CashAppFactory? app;
    private SmtpTestServer? mail;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>Where the application listens, always on 127.0.0.1.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async ValueTask InitializeAsync()
    {
        // Playwright's assertions give up after 5 s by default. On a 2-core CI machine running test
        // classes in parallel, a page that hashes a password or sends mail can take longer than that
        // to settle: wait as long as a patient person would, so slowness is never read as a failure.
        Assertions.SetDefaultExpectTimeout(20_000);
        Directory.CreateDirectory(dataFolder);
        mail = await SmtpTestServer.StartAsync();
        app = new CashAppFactory(Path.Combine(dataFolder, "cash.db"), mail.Settings);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();

        // With Kestrel the factory's client address is the real one the server bound.
        BaseAddress = app.ClientOptions.BaseAddress;
        if (BaseAddress.Host != "127.0.0.1")
        {
            throw new InvalidOperationException($"The application listens on {BaseAddress}, not on 127.0.0.1.");
        }

        // Every link in an e-mail points here, as Site:BaseUrl
        // does in production; the port is only known once the server listens.
        App.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Site:BaseUrl"] = BaseAddress.ToString();

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (mail is not null)
        {
            await mail.DisposeAsync();
        }

        // SQLite keeps pooled connections open on the file until told otherwise.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the run over it is not.
        }
    }

    /// <summary>
    /// A fresh browser context (no cookies) with one page, in a French-speaking browser like most
    /// visitors from Mouscron. Requests leaving 127.0.0.1 never reach the network: the neutral
    /// quick-exit site is answered here and anything else is refused.
    /// </summary>
    public async Task<BrowserSession> OpenAsync(bool javaScript = true, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            Locale = "fr-BE",
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
        });

        await context.RouteAsync(url => !IsOnSite(url), route => route.Request.Url.StartsWith(NeutralUrl, StringComparison.Ordinal)
            ? route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<html><body>neutral</body></html>" })
            : route.AbortAsync("blockedbyclient"));

        var page = await context.NewPageAsync();
        return new BrowserSession(this, context, page);
    }

    /// <summary>Every e-mail the application has sent during the run.</summary>
    public SmtpTestServer Mail => mail ?? throw new InvalidOperationException("The mail server has not started.");

    /// <summary>The application's services, for what a test prepares behind the browser's back (accounts, the command line).</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>Whether an address belongs to the application under test.</summary>
    public bool IsOnSite(string url) => url.StartsWith(BaseAddress.ToString(), StringComparison.Ordinal);

    /// <summary>An interface text as the application shows it in <paramref name="culture"/>, so tests follow wording changes.</summary>
    public string Text(string key, string culture)
    {
        var localizer = App.Services.GetRequiredService<IStringLocalizer<Ui>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return localizer[key].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    private CashAppFactory App => app ?? throw new InvalidOperationException("The application has not started.");
}
