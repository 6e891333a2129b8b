using Cash.Web.Data;
using Microsoft.AspNetCore.Hosting;
using MimeKit;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// The app with its mail written as <c>.eml</c> files into a temporary folder of its own (the
/// default run's pickup directory), so tests that invite people read what was sent and leave
/// nothing in the source tree.
/// </summary>
public abstract class MailFolderCashApp(DatabaseProvider provider) : CashApp(provider)
{
    public string MailFolder { get; } = Directory.CreateTempSubdirectory("cash-mail-").FullName;

    /// <summary>Every message written so far.</summary>
    public IReadOnlyList<MimeMessage> Messages =>
        [.. Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path))];

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        [.. Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Host", "");
        builder.UseSetting("Smtp:PickupDirectory", MailFolder);
    }
}

public sealed class SqliteMailFolderCashApp() : MailFolderCashApp(DatabaseProvider.Sqlite);

public sealed class PostgresMailFolderCashApp() : MailFolderCashApp(DatabaseProvider.Postgres);
