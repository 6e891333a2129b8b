using Cash.Web.Data;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.HelpRequests;

/// <summary>
/// The help requests' part of the <see cref="BindingUpgrade"/>: each request written before it (its
/// <c>SubmissionKeyHash</c> still empty) gets the keyed hash of its submission key, read from the
/// clear column the next migration drops, and its receipt hash bound to its id. Both in one
/// statement per row, only while the row is still not upgraded, so a row is never bound twice.
/// </summary>
/// <remarks>Raw SQL: the clear <c>SubmissionKey</c> column is no longer part of the model.</remarks>
internal sealed class ReceiptBindingUpgrade(ReceiptCodes receipts) : IBindingUpgradeStep
{
    private const int BatchSize = 200;

    public string Name => "HelpRequests.ReceiptHash";

    public async Task<int> RunAsync(CashDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var upgraded = 0;
        while (true)
        {
            // Each row upgraded leaves the set, so the next batch is the next rows; none is read twice.
            var batch = await db.Database.SqlQuery<LegacyReceipt>($"""
                SELECT "Id", "SubmissionKey", "ReceiptHash" FROM "HelpRequests"
                WHERE "SubmissionKeyHash" IS NULL ORDER BY "Id" LIMIT {BatchSize}
                """).ToListAsync(cancellationToken);
            foreach (var row in batch)
            {
                var submissionKeyHash = receipts.SubmissionKeyHash(row.SubmissionKey);
                var receiptHash = receipts.BindLegacyHash(row.Id, row.ReceiptHash);
                upgraded += await db.Database.ExecuteSqlAsync($"""
                    UPDATE "HelpRequests" SET "SubmissionKeyHash" = {submissionKeyHash}, "ReceiptHash" = {receiptHash}
                    WHERE "Id" = {row.Id} AND "SubmissionKeyHash" IS NULL
                    """, cancellationToken);
            }

            if (batch.Count < BatchSize)
            {
                return upgraded;
            }
        }
    }

    /// <summary>A request as the earlier release stored it.</summary>
    private sealed record LegacyReceipt(Guid Id, Guid SubmissionKey, byte[] ReceiptHash);
}
