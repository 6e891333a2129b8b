using Cash.Web.Domain.Directory;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Data;

/// <summary>
/// The one database context. Each provider derives from it only to carry its own migrations
/// (<see cref="SqliteCashDbContext"/>, <see cref="PostgresCashDbContext"/>).
/// </summary>
public class CashDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PartnerService> PartnerServices => Set<PartnerService>();

    public DbSet<PartnerServiceText> PartnerServiceTexts => Set<PartnerServiceText>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CashDbContext).Assembly);
    }
}

public sealed class SqliteCashDbContext(DbContextOptions<SqliteCashDbContext> options) : CashDbContext(options);

public sealed class PostgresCashDbContext(DbContextOptions<PostgresCashDbContext> options) : CashDbContext(options);
