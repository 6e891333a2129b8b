using Microsoft.EntityFrameworkCore;

namespace Cash.Bench.Baseline;

/// <summary>One row of the TechEmpower "Fortunes" table.</summary>
public sealed class Fortune
{
    public int Id { get; set; }

    public required string Message { get; set; }
}

/// <summary>The Fortunes database: one table of 12 rows, created afresh at every start.</summary>
public sealed class FortuneDb(DbContextOptions<FortuneDb> options) : DbContext(options)
{
    public DbSet<Fortune> Fortunes => Set<Fortune>();

    // The rows of the TechEmpower benchmark, with its markup and non-Latin text to encode.
    private static readonly string[] Messages =
    [
        "fortune: No such file or directory",
        "A computer scientist is someone who fixes things that aren't broken.",
        "After enough decimal places, nobody gives a damn.",
        "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
        "A computer program does what you tell it to do, not what you want it to do.",
        "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
        "Any program that runs right is obsolete.",
        "A list is only as strong as its weakest link. — Donald Knuth",
        "Feature: A bug with seniority.",
        "Computers make very fast, very accurate mistakes.",
        "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
        "フレームワークのベンチマーク",
    ];

    public static async Task CreateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FortuneDb>();
        await db.Database.EnsureDeletedAsync();
        await db.Database.EnsureCreatedAsync();
        db.Fortunes.AddRange(Messages.Select((message, i) => new Fortune { Id = i + 1, Message = message }));
        await db.SaveChangesAsync();
    }
}
