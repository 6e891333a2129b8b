using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Data;

/// <summary>The later of two changes to one record: refused whole, never half-saved.</summary>
public static class ConcurrentChanges
{
    /// <summary>
    /// Saves; false when someone changed a record since it was read (its <c>Version</c> moved on):
    /// then nothing was written, since every change of one save goes in one transaction, and the page
    /// shows the record as it is now with what was typed.
    /// </summary>
    public static async Task<bool> SavedUnlessChangedMeanwhileAsync(this DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
