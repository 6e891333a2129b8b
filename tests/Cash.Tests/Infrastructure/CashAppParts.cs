using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cash.Tests.Infrastructure;

/// <summary>One piece of a test app's set-up, composed into a <see cref="CashApp"/> rather than inherited.</summary>
/// <remarks>A part that holds something to clean up (a folder) is also <see cref="IAsyncDisposable"/>; the app disposes it.</remarks>
public interface ICashAppPart
{
    void Configure(IWebHostBuilder builder);
}

/// <summary>
/// The app's mail written as <c>.eml</c> files into a temporary folder of its own (the default
/// run's pickup directory), so tests that send mail read what was sent and leave nothing in the
/// source tree.
/// </summary>
public sealed class MailFolder : ICashAppPart, IAsyncDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cash-mail-").FullName;

    /// <summary>Every message written so far.</summary>
    public IReadOnlyList<MimeMessage> Messages =>
        [.. Directory.GetFiles(Path, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path))];

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        [.. Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public void Configure(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Smtp:Host", "");
        builder.UseSetting("Smtp:PickupDirectory", Path);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Settings as the host's configuration (a test SMTP server's address, a stricter limit…).</summary>
public sealed class AppSettings(IEnumerable<KeyValuePair<string, string?>> settings) : ICashAppPart
{
    public AppSettings(string key, string? value)
        : this([new KeyValuePair<string, string?>(key, value)])
    {
    }

    public void Configure(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>The app's clock, for deadlines and expiry: a fixed moment, or a <see cref="TimeProvider"/> the test moves.</summary>
public sealed class Clock(TimeProvider time) : ICashAppPart
{
    public Clock(DateTimeOffset at)
        : this(new AuditClock(at))
    {
    }

    public void Configure(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureServices(services => services.AddSingleton(time));
    }
}
