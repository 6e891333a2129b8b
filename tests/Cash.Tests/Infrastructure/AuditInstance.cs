using System.Globalization;
using System.Security.Claims;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// One application instance's audit services, wired as the application wires them (the context
/// carries the <see cref="AuditedRecordInterceptor"/>), on a test database that a <see cref="CashApp"/>
/// has migrated and seeded. Two of them on one database are two app instances behind a load balancer.
/// </summary>
public sealed class AuditInstance : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private AuditInstance(ServiceProvider services) => this.services = services;

    public AuditTrail Trail => services.GetRequiredService<AuditTrail>();

    public AuditSeal Seal => services.GetRequiredService<AuditSeal>();

    public static AuditInstance On(TestDatabase database, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(database);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddSingleton(new MasterKey(Convert.FromBase64String(database.MasterKey)));
        services.AddSingleton<TimestampInterceptor>();
        services.AddCashAudit();

        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<CashDbContext, PostgresCashDbContext>((provider, options) =>
                options.UseNpgsql(database.ConnectionString)
                    .AddInterceptors(provider.GetRequiredService<TimestampInterceptor>(), provider.GetRequiredService<AuditedRecordInterceptor>()));
        }
        else
        {
            services.AddSingleton<SqliteDurabilityInterceptor>();
            services.AddDbContext<CashDbContext, SqliteCashDbContext>((provider, options) =>
                options.UseSqlite(DatabaseRegistration.SqliteConnectionString(database.ConnectionString, Path.GetTempPath()))
                    .AddInterceptors(
                        provider.GetRequiredService<SqliteDurabilityInterceptor>(),
                        provider.GetRequiredService<TimestampInterceptor>(),
                        provider.GetRequiredService<AuditedRecordInterceptor>()));
        }

        return new AuditInstance(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    /// <summary>From now on, in the calling test, the audit trail sees this professional signed in (as sign-in would leave the claims).</summary>
    public void SignInAs(Guid professionalId, int? partnerServiceId)
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, professionalId.ToString())];
        if (partnerServiceId is { } service)
        {
            claims.Add(new(CashClaims.Service, service.ToString(CultureInfo.InvariantCulture)));
        }

        services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType: "test")),
        };
    }

    /// <summary>Works with a context of this instance, as a page would (its saves go through the interceptor).</summary>
    public async Task<T> InContextAsync<T>(Func<CashDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CashDbContext>());
    }

    public Task InContextAsync(Func<CashDbContext, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InContextAsync(async db =>
        {
            await work(db);
            return true;
        });
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken);
    }

    public async Task<AuditPage> FindAsync(AuditFilter filter, long? before, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditQuery>().FindAsync(filter, before, cancellationToken);
    }

    /// <summary>The whole trail as stored, in order.</summary>
    public Task<List<AuditEntry>> EntriesAsync(CancellationToken cancellationToken) =>
        InContextAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(cancellationToken));

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
