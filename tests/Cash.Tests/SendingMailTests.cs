using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Cash.Tests;

/// <summary>
/// The platform's e-mail: an invitation or "something awaits you" and a link, in French, Dutch and
/// English, over real SMTP (a server in this process) or into the pickup folder; never a word more,
/// and never an address or a link in a log or an error.
/// </summary>
public sealed class SendingMailTests(SendingMailTests.MailingApp app) : IClassFixture<SendingMailTests.MailingApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnInvitationArrivesOverSmtpWithItsLinkIntactInFrenchDutchAndEnglish()
    {
        var address = NewAddress();
        var link = SecretLink("/pro/invitation");

        await app.Services.GetRequiredService<Mailer>().SendInvitationAsync(address, link, Cancellation);
        var message = await app.Smtp.WaitForMessageAsync(m => IsTo(m, address), Patience);

        Assert.Equal($"{Text("Invitation.Subject", "fr-BE")} / {Text("Invitation.Subject", "nl-BE")}", message.Subject);
        Assert.Equal("no-reply@localhost", message.From.Mailboxes.Single().Address);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.False(string.IsNullOrEmpty(message.MessageId));
        Assert.NotEqual(default, message.Date);

        var text = TextOf(message).ReplaceLineEndings("\n");
        Assert.Equal(3, text.Split('\n').Count(line => line == link.AbsoluteUri));
        var html = Parse(message.HtmlBody);
        Assert.Equal("fr-BE", html.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Enumerable.Repeat(link.AbsoluteUri, 3), html.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));

        var position = -1;
        foreach (var culture in new[] { "fr-BE", "nl-BE", "en" })
        {
            var section = html.QuerySelector($"body > div[lang='{culture}']");
            Assert.True(section is not null, $"No section in {culture}.");
            Assert.Equal(link.AbsoluteUri, section.QuerySelector("a")?.GetAttribute("href"));
            foreach (var key in new[] { "Invitation.Intro", "Invitation.Action", "Invitation.Ignore" })
            {
                Assert.Contains(Text(key, culture), section.TextContent, StringComparison.Ordinal);
                var next = text.IndexOf(Text(key, culture), StringComparison.Ordinal);
                Assert.True(next > position, $"'{key}' in {culture} is missing from the text part or out of order.");
                position = next;
            }

            var validity = string.Format(CultureInfo.GetCultureInfo(culture), Text("Invitation.Validity", culture), 72);
            Assert.Contains(validity, text, StringComparison.Ordinal);
            Assert.Contains(validity, section.TextContent, StringComparison.Ordinal);
        }

        AssertNothingLoadsFromElsewhere(html);
    }

    [Fact]
    public async Task ANotificationSaysOnlyThatSomethingAwaitsAndGivesTheLink()
    {
        var address = NewAddress();
        var link = new Uri("https://cash.example/pro/connexion?retour=%2Fpro");

        await app.Services.GetRequiredService<Mailer>().SendNotificationAsync(address, link, Cancellation);
        var message = await app.Smtp.WaitForMessageAsync(m => IsTo(m, address), Patience);

        Assert.Equal($"{Text("Notification.Subject", "fr-BE")} / {Text("Notification.Subject", "nl-BE")}", message.Subject);
        Assert.Equal("Quelque chose vous attend sur la plateforme CASH.", Text("Notification.Body", "fr-BE"));

        // Every word of it comes from the resources; there is nothing else it could say.
        string[] Section(string culture) =>
            [Text("Notification.Body", culture), Text("Notification.Action", culture), link.AbsoluteUri, Text("Footer", culture)];
        Assert.Equal(
            [.. Section("fr-BE"), "----------", .. Section("nl-BE"), "----------", .. Section("en")],
            TextOf(message).ReplaceLineEndings("\n").Split('\n').Where(line => line.Length > 0));

        var html = Parse(message.HtmlBody);
        Assert.Equal(
            [.. Section("fr-BE"), .. Section("nl-BE"), .. Section("en")],
            html.Body!.QuerySelectorAll("p").SelectMany(p => p.ChildNodes.Select(n => n.TextContent.Trim())).Where(t => t.Length > 0));
        Assert.Equal(message.Subject, html.Title);
        Assert.Equal(["fr-BE", "nl-BE", "en"], html.QuerySelectorAll("body > div").Select(d => d.GetAttribute("lang")));
        Assert.Equal(Enumerable.Repeat(link.AbsoluteUri, 3), html.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Empty(message.Attachments);
        AssertNothingLoadsFromElsewhere(html);
    }

    [Fact]
    public async Task WithoutAnSmtpHostMessagesBecomeEmlFilesInThePickupFolderAndNothingElse()
    {
        var folder = Directory.CreateTempSubdirectory("cash-mail-");
        try
        {
            var logs = new LogSink();
            var clock = new SteppingClock();
            using var host = MailHost(new() { ["Smtp:Host"] = "", ["Smtp:PickupDirectory"] = Path.Combine(folder.FullName, "mail") }, logs, clock);
            var mailer = host.Services.GetRequiredService<Mailer>();
            var first = (Address: NewAddress(), Link: SecretLink("/pro/invitation"));
            var second = (Address: NewAddress(), Link: SecretLink("/pro"));

            await mailer.SendInvitationAsync(first.Address, first.Link, Cancellation);
            await mailer.SendNotificationAsync(second.Address, second.Link, Cancellation);

            Assert.Empty(folder.GetFiles());
            var files = Directory.GetFiles(Path.Combine(folder.FullName, "mail"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(2, files.Count);
            Assert.All(files, file => Assert.EndsWith(".eml", file, StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows())
            {
                foreach (var file in files)
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                }
            }

            // Names sort in sending order.
            var invitation = await MimeMessage.LoadAsync(files[0], Cancellation);
            var notification = await MimeMessage.LoadAsync(files[1], Cancellation);
            Assert.True(IsTo(invitation, first.Address));
            Assert.Contains(first.Link.AbsoluteUri, TextOf(invitation), StringComparison.Ordinal);
            Assert.Equal(first.Link.AbsoluteUri, Parse(invitation.HtmlBody).QuerySelector("a")?.GetAttribute("href"));
            Assert.True(IsTo(notification, second.Address));
            Assert.Contains(second.Link.AbsoluteUri, TextOf(notification), StringComparison.Ordinal);
            Assert.Equal(clock.Times[0], invitation.Date);

            Assert.Equal(["Invitation e-mail written to the pickup directory", "Notification e-mail written to the pickup directory"], logs.Lines);
            logs.AssertMentionsNoneOf(first.Address, first.Link.AbsoluteUri, first.Link.Query, second.Address, second.Link.Query);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AnUnreachableServerRaisesAMailDeliveryExceptionThatNamesNoAddress()
    {
        var logs = new LogSink();
        using var host = MailHost(SmtpSettings(FreePort(), "None"), logs);
        var address = NewAddress();
        var link = SecretLink("/pro/invitation");

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() =>
            host.Services.GetRequiredService<Mailer>().SendInvitationAsync(address, link, Cancellation));

        Assert.Contains("127.0.0.1", failure.Message, StringComparison.Ordinal);
        AssertNotIn(failure.ToString(), address, address.Split('@')[0], link.Query);
        Assert.Null(failure.InnerException);
        logs.AssertMentionsNoneOf(address, address.Split('@')[0], link.Query);
        Assert.Equal(["Invitation e-mail could not be delivered"], logs.Lines);
    }

    [Fact]
    public async Task AServersRefusalThatQuotesTheAddressIsNotRepeated()
    {
        await using var refusing = await SmtpTestServer.StartRejectingAsync(Cancellation);
        var logs = new LogSink();
        using var host = MailHost(SmtpSettings(refusing.Port, "None"), logs);
        var address = NewAddress();

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() =>
            host.Services.GetRequiredService<Mailer>().SendNotificationAsync(address, SecretLink("/pro"), Cancellation));

        Assert.Contains("550", failure.Message, StringComparison.Ordinal);
        AssertNotIn(failure.ToString(), address, address.Split('@')[0]);
        logs.AssertMentionsNoneOf(address, address.Split('@')[0]);
    }

    [Fact]
    public async Task StartTlsIsTheDefaultAndAServerWithoutItGetsNothing()
    {
        var logs = new LogSink();
        var settings = SmtpSettings(app.Smtp.Port, security: null);
        using var host = MailHost(settings, logs);
        Assert.Equal(SmtpSecurity.StartTls, host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmtpOptions>>().Value.Security);
        var address = NewAddress();

        await Assert.ThrowsAsync<MailDeliveryException>(() =>
            host.Services.GetRequiredService<Mailer>().SendNotificationAsync(address, SecretLink("/pro"), Cancellation));

        Assert.DoesNotContain(app.Smtp.Messages, m => IsTo(m, address));
    }

    [Fact]
    public async Task AnAddressThatIsNotOneFailsLikeADeliveryWithoutBeingRepeated()
    {
        var logs = new LogSink();
        using var host = MailHost(SmtpSettings(app.Smtp.Port, "None"), logs);
        var before = app.Smtp.Messages.Count;
        const string typed = "jeanne.dupont@@ecole";

        var refusal = await Assert.ThrowsAsync<MailDeliveryException>(() =>
            host.Services.GetRequiredService<Mailer>().SendNotificationAsync(typed, SecretLink("/pro"), Cancellation));

        AssertNotIn(refusal.ToString(), "jeanne", "ecole");
        logs.AssertMentionsNoneOf("jeanne", "ecole");
        Assert.Equal(before, app.Smtp.Messages.Count);
    }

    private static string Text(string key, string culture) =>
        Mailer.Texts.GetString(key, CultureInfo.GetCultureInfo(culture)) ?? throw new InvalidOperationException($"No mail text '{key}'.");

    private static string NewAddress() => $"pro-{Guid.NewGuid():N}@example.org";

    /// <summary>A link shaped like an invitation's: its query carries a secret that must never reach a log.</summary>
    private static Uri SecretLink(string path) =>
        new($"https://cash.example{path}?jeton={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}");

    private static bool IsTo(MimeMessage message, string address) =>
        message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));

    private static string TextOf(MimeMessage message) => message.TextBody ?? throw new InvalidOperationException("The message has no text part.");

    private static IHtmlDocument Parse(string? html) => new HtmlParser().ParseDocument(html ?? throw new InvalidOperationException("The message has no HTML part."));

    private static void AssertNothingLoadsFromElsewhere(IHtmlDocument html)
    {
        Assert.Empty(html.QuerySelectorAll("img, script, link, style, iframe, object, embed, form, [src], [style], [background]"));
    }

    private static void AssertNotIn(string text, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static Dictionary<string, string?> SmtpSettings(int port, string? security)
    {
        var settings = new Dictionary<string, string?> { ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture) };
        if (security is not null)
        {
            settings["Smtp:Security"] = security;
        }

        return settings;
    }

    /// <summary>A port on which nothing listens: bound by the system, then released.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Only the mail services, as <c>AddCashMail</c> registers them, with their logs caught.</summary>
    private static IHost MailHost(Dictionary<string, string?> settings, LogSink logs, TimeProvider? clock = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Path.GetTempPath() });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddCashMail();
        return builder.Build();
    }

    /// <summary>The real app on its own SQLite database, sending its mail to a test SMTP server.</summary>
    public sealed class MailingApp : IAsyncLifetime
    {
        private SmtpTestServer? smtp;
        private CashApp? web;

        public SmtpTestServer Smtp => smtp ?? throw new InvalidOperationException("Not started.");

        public IServiceProvider Services => (web ?? throw new InvalidOperationException("Not started.")).Services;

        public async ValueTask InitializeAsync()
        {
            smtp = await SmtpTestServer.StartAsync(TestContext.Current.CancellationToken);
            web = new SqliteCashApp().With(new AppSettings(smtp.Settings));
            await web.InitializeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (web is not null)
            {
                await web.DisposeAsync();
            }

            if (smtp is not null)
            {
                await smtp.DisposeAsync();
            }
        }
    }

    /// <summary>A clock that moves one second per reading, so file names differ and sort predictably.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private readonly List<DateTimeOffset> times = [];
        private DateTimeOffset now = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

        public IReadOnlyList<DateTimeOffset> Times
        {
            get
            {
                lock (times)
                {
                    return [.. times];
                }
            }
        }

        public override DateTimeOffset GetUtcNow()
        {
            lock (times)
            {
                now = now.AddSeconds(1);
                times.Add(now);
                return now;
            }
        }
    }

    /// <summary>Every log line and exception written, to prove what never gets there.</summary>
    private sealed class LogSink : ILoggerProvider
    {
        private readonly List<string> lines = [];
        private readonly List<string> everything = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (lines)
                {
                    return [.. lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void AssertMentionsNoneOf(params string[] secrets)
        {
            lock (lines)
            {
                foreach (var entry in everything)
                {
                    AssertNotIn(entry, secrets);
                }
            }
        }

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = formatter(state, exception);
                var structured = state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(";", values.Select(v => $"{v.Key}={v.Value}")) : "";
                lock (sink.lines)
                {
                    sink.lines.Add(line);
                    sink.everything.Add($"{line}|{structured}|{exception}");
                }
            }
        }
    }
}
