using Cash.Web.Audit;
using Cash.Web.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cash.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

internal static class DatabaseRegistration
{
    public const string DefaultSqliteFile = "data/cash.db";

    /// <summary>
    /// Registers <see cref="CashDbContext"/> on SQLite (the default: <c>data/cash.db</c>) or on
    /// PostgreSQL when <c>Database:Provider</c> is <c>Postgres</c>. The options are built once, not
    /// per request: they depend only on configuration and on singleton interceptors.
    /// </summary>
    public static WebApplicationBuilder AddCashData(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = builder.Configuration.GetConnectionString("Cash");

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TimestampInterceptor>();
        builder.Services.TryAddSingleton<PublicContentChanges>();
        builder.Services.AddSingleton<PublicContentInterceptor>();

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Cash is empty.");
            }

            builder.Services.AddDbContext<CashDbContext, PostgresCashDbContext>((services, options) =>
                options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
                    .ConfigureWarnings(warnings => StrictInDevelopment(warnings, builder.Environment))
                    .AddInterceptors(
                        services.GetRequiredService<TimestampInterceptor>(),
                        services.GetRequiredService<PublicContentInterceptor>(),
                        services.GetRequiredService<AuditedRecordInterceptor>()),
                optionsLifetime: ServiceLifetime.Singleton);
        }
        else
        {
            var sqlite = SqliteConnectionString(connectionString, builder.Environment.ContentRootPath);
            builder.Services.AddSingleton<SqliteDurabilityInterceptor>();
            builder.Services.AddDbContext<CashDbContext, SqliteCashDbContext>((services, options) =>
                options.UseSqlite(sqlite)
                    .ConfigureWarnings(warnings => StrictInDevelopment(warnings, builder.Environment))
                    .AddInterceptors(
                        services.GetRequiredService<SqliteDurabilityInterceptor>(),
                        services.GetRequiredService<TimestampInterceptor>(),
                        services.GetRequiredService<PublicContentInterceptor>(),
                        services.GetRequiredService<AuditedRecordInterceptor>()),
                optionsLifetime: ServiceLifetime.Singleton);
        }

        builder.Services.AddScoped<DatabaseInitializer>();
        return builder;
    }

    /// <summary>
    /// In Development (and so in the tests) a query that pages with Skip/Take without an OrderBy
    /// fails instead of logging a warning nobody reads: which rows such a page holds is up to the
    /// database, so a batch job could skip or repeat rows. Production keeps the warning.
    /// </summary>
    private static void StrictInDevelopment(WarningsConfigurationBuilder warnings, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            warnings.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning);
        }
    }

    /// <summary>
    /// Resolves the SQLite file against the content root, creates its folder, and turns foreign keys on.
    /// </summary>
    internal static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={DefaultSqliteFile}" : configured)
        {
            ForeignKeys = true,
        };

        if (csb.DataSource != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(csb.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }

        return csb.ToString();
    }
}
