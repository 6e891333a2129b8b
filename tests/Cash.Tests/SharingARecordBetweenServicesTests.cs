using System.Linq.Expressions;
using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// The access-rule mechanism holds for a record shared by several services through a join table
/// (issue 8, point 2) — the shape situations and referrals take — not only for one service id:
/// a record's list and its handler agree, member by member, on a real SQLite database.
/// </summary>
public sealed class SharingARecordBetweenServicesTests : IAsyncLifetime
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private SharedFiles db = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await connection.OpenAsync(Cancellation);
        db = new SharedFiles(new DbContextOptionsBuilder<SharedFiles>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync(Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await db.DisposeAsync();
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task EveryInvolvedServiceSeesASharedRecordAndNoOtherDoes()
    {
        SharedFile[] files =
        [
            new() { Id = 1, Services = [new() { ServiceId = 10 }, new() { ServiceId = 20 }] },
            new() { Id = 2, Services = [new() { ServiceId = 20 }] },
            new() { Id = 3, Services = [] },
        ];
        db.Files.AddRange(files);
        await db.SaveChangesAsync(Cancellation);
        db.ChangeTracker.Clear();

        var seen = new Dictionary<int, int[]>();
        foreach (var service in new[] { 10, 20, 30 })
        {
            var user = Member(service);
            var listed = await db.Files.Allowing(SharedFileAccess.Rule, user, CashOperations.View).Select(f => f.Id).OrderBy(id => id).ToArrayAsync(Cancellation);
            var handler = new RecordAuthorizationHandler<SharedFile>(SharedFileAccess.Rule, db);
            foreach (var file in files)
            {
                var context = new AuthorizationHandlerContext([CashOperations.View], user, new SharedFile { Id = file.Id });
                await handler.HandleAsync(context);
                Assert.Equal(listed.Contains(file.Id), context.HasSucceeded);
            }

            seen[service] = listed;
        }

        Assert.Equal([1], seen[10]);
        Assert.Equal([1, 2], seen[20]);
        Assert.Empty(seen[30]);
    }

    private static ClaimsPrincipal Member(int service) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new Claim(ClaimTypes.Role, nameof(ProRole.Member)),
            new Claim(CashClaims.Service, service.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ],
        "test"));

    private sealed class SharedFileAccess : AccessRule<SharedFile>
    {
        public static readonly SharedFileAccess Rule = new();

        public override Expression<Func<SharedFile, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
        {
            var serviceId = viewer.ServiceId;
            return operation.Name == CashOperations.View.Name ? f => f.Services.Any(s => s.ServiceId == serviceId) : Nothing;
        }
    }

    private sealed class SharedFiles(DbContextOptions<SharedFiles> options) : DbContext(options)
    {
        public DbSet<SharedFile> Files => Set<SharedFile>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<SharedFile>().HasMany(f => f.Services).WithOne().HasForeignKey(s => s.FileId);
    }
}

/// <summary>A record shared by several services, as a situation will be.</summary>
public sealed class SharedFile
{
    public int Id { get; set; }

    public List<InvolvedService> Services { get; set; } = [];
}

public sealed class InvolvedService
{
    public int Id { get; set; }

    public int FileId { get; set; }

    public int ServiceId { get; set; }
}
