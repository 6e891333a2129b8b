using Cash.Web.Data;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// A feature's part of the <see cref="BindingUpgrade"/> beyond its encrypted columns: a keyed hash
/// to bind to its record, a clear value to replace with its keyed hash. Register one with
/// <c>AddSingleton&lt;IBindingUpgradeStep, …&gt;</c> in the feature's <c>Add…()</c>.
/// </summary>
public interface IBindingUpgradeStep
{
    /// <summary>For the log, e.g. <c>HelpRequests.ReceiptHash</c>; never content.</summary>
    string Name { get; }

    /// <summary>Upgrades every row not upgraded yet; returns how many. Running twice is harmless.</summary>
    Task<int> RunAsync(CashDbContext db, CancellationToken cancellationToken);
}

/// <summary>
/// The one-time upgrade to secrets bound to their record: every encrypted value of the first format
/// (bound to table, column and row) is sealed again bound to the record its row belongs to as well,
/// and every feature's <see cref="IBindingUpgradeStep"/> runs (the receipts' hashes bound to their
/// request, the forms' submission keys replaced by their keyed hashes).
/// </summary>
/// <remarks>
/// <para>
/// It runs between two migrations and only while the second is pending (<see cref="DatabaseInitializer"/>):
/// <see cref="AfterMigration"/> adds what it fills, <see cref="BeforeMigration"/> drops what it reads
/// (the clear submission keys). A run stopped half-way is simply run again at the next start, since
/// each value and each row is upgraded on its own and only once; the second migration then ends it
/// for good. After it the application opens no value of the first format, anywhere: reading one
/// elsewhere would let a message moved to another thread be read there.
/// </para>
/// <para>
/// Why at the migration, not at the next <c>keys rotate</c>: until re-sealed, an old value would have
/// to stay readable wherever it is found, moved or not, for as long as nobody rotates; at the
/// migration that window is the upgrade itself. What it cannot do is tell whether an old value was
/// moved before the upgrade: the first format does not say whose it was, so a value moved in a
/// database (or a backup) of the earlier release is bound to where it was found.
/// </para>
/// </remarks>
public sealed partial class BindingUpgrade(
    FieldCipher cipher,
    IEnumerable<IEncryptedColumn> columns,
    IEnumerable<IBindingUpgradeStep> steps,
    CashDbContext db,
    ILogger<BindingUpgrade> logger)
{
    /// <summary>The migration that prepares the upgrade (adds the columns it fills).</summary>
    public const string AfterMigration = "SealSecretsToTheirRecords";

    /// <summary>The migration that ends it (drops what it reads); while it is pending, the upgrade runs.</summary>
    public const string BeforeMigration = "ForgetClearSubmissionKeys";

    /// <summary>
    /// The only tables that can hold values of the first format: the encrypted columns of the release
    /// before the upgrade. Columns added since were always bound to their record, and their tables do
    /// not exist yet while the upgrade runs (it runs before their migrations).
    /// </summary>
    public static readonly IReadOnlySet<string> TablesOfTheFirstFormat = new HashSet<string>(StringComparer.Ordinal) { "HelpRequests", "HelpMessages", "ProfessionalTokens" };

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        foreach (var step in steps)
        {
            var count = await step.RunAsync(db, cancellationToken);
            db.ChangeTracker.Clear();
            LogStep(logger, step.Name, count);
        }

        foreach (var column in columns.Where(c => TablesOfTheFirstFormat.Contains(c.Table)))
        {
            var count = await column.ResealLegacyAsync(db, cipher, logger, cancellationToken);
            db.ChangeTracker.Clear();
            LogColumn(logger, column.Name, count.Rewritten, count.Unreadable);
        }
    }

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "{Step}: {Count} row(s) bound to their record")]
    private static partial void LogStep(ILogger logger, string step, int count);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "{Column}: {Count} value(s) sealed again bound to their record, {Unreadable} unreadable left as they were")]
    private static partial void LogColumn(ILogger logger, string column, int count, int unreadable);
}
