using Cash.Web.Data;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// A <see cref="CashApp"/> whose mail goes over SMTP to a real server in this process
/// (<see cref="SmtpTestServer"/>), started before the app and stopped after it: for journeys
/// where a person acts on what an e-mail says.
/// </summary>
public abstract class SmtpCashApp(DatabaseProvider provider) : IAsyncLifetime
{
    private SmtpTestServer? smtp;
    private CashApp? app;

    public SmtpTestServer Smtp => smtp ?? throw new InvalidOperationException("Not started.");

    public CashApp App => app ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync(TestContext.Current.CancellationToken);
        app = provider == DatabaseProvider.Postgres ? new PostgresCashApp() : new SqliteCashApp();
        app.With(new AppSettings(smtp.Settings));
        await app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (smtp is not null)
        {
            await smtp.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSmtpCashApp() : SmtpCashApp(DatabaseProvider.Sqlite);

public sealed class PostgresSmtpCashApp() : SmtpCashApp(DatabaseProvider.Postgres);
