using Cash.Web.Data;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// A column that stores <see cref="FieldCipher"/> blobs. Each feature that encrypts a field
/// registers one (<c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IEncryptedColumn, …&gt;())</c>),
/// so a key rotation re-encrypts it without knowing the feature.
/// </summary>
/// <remarks>
/// Implementations read in batches, skip values already under the active key
/// (<see cref="FieldCipher.ReencryptAsync"/> returns <see langword="null"/> for them), and write
/// back only where the stored value is still the one read (compare-and-swap), so a concurrent
/// edit is never overwritten with stale content. Running twice is harmless.
/// </remarks>
public interface IEncryptedColumn
{
    /// <summary>For the rotation report, e.g. <c>ProfessionalTokens.Value</c>; never content.</summary>
    string Name { get; }

    /// <summary>Re-encrypts every value not under the active key; returns how many were rewritten.</summary>
    Task<int> ReencryptAsync(CashDbContext db, FieldCipher cipher, CancellationToken cancellationToken);
}
