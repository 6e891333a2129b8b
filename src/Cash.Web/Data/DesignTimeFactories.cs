using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cash.Web.Data;

// Used only by `dotnet ef migrations add`: each provider's context carries its own migrations.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCashDbContext>
{
    public SqliteCashDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCashDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCashDbContext>
{
    public PostgresCashDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCashDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=cash_design", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
