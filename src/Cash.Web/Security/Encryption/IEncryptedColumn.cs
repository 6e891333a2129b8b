using Cash.Web.Data;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// A column that stores <see cref="FieldCipher"/> values, as the key rotation sees it. Declare one
/// with <see cref="EncryptedColumn.Bytes"/> (or <see cref="EncryptedColumn.Base64Text"/>) in the
/// feature home that owns it, and register it in the feature's <c>Add…()</c> with
/// <see cref="EncryptedColumnRegistration.AddEncryptedColumn"/>: a rotation then re-encrypts it
/// without knowing the feature.
/// </summary>
public interface IEncryptedColumn
{
    /// <summary>The table as named in every value's binding, e.g. <c>ProfessionalTokens</c>.</summary>
    string Table { get; }

    /// <summary>For the rotation report, e.g. <c>ProfessionalTokens.Value</c>; never content.</summary>
    string Name { get; }

    /// <summary>Re-encrypts every value not under the active key; says how many were rewritten and how many could not be read. Running twice is harmless.</summary>
    Task<ColumnRewrite> ReencryptAsync(CashDbContext db, FieldCipher cipher, ILogger logger, CancellationToken cancellationToken);

    /// <summary>
    /// Seals every value of the first format (<see cref="FieldCipher.LegacyFormatVersion"/>) again,
    /// bound to the record its row belongs to now. Run once, by <see cref="BindingUpgrade"/>; running twice is harmless.
    /// </summary>
    Task<ColumnRewrite> ResealLegacyAsync(CashDbContext db, FieldCipher cipher, ILogger logger, CancellationToken cancellationToken);
}

/// <summary>What one pass over a column did: values written back, and values left as they were because they could not be read.</summary>
public readonly record struct ColumnRewrite(int Rewritten, int Unreadable)
{
    public ColumnRewrite Add(ColumnRewrite other) => new(Rewritten + other.Rewritten, Unreadable + other.Unreadable);
}

public static class EncryptedColumnRegistration
{
    /// <summary>Adds a declared column to those a key rotation re-encrypts; adding the same one twice adds it once.</summary>
    public static IServiceCollection AddEncryptedColumn(this IServiceCollection services, IEncryptedColumn column)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(column);
        if (!services.Any(d => d.ServiceType == typeof(IEncryptedColumn) && ReferenceEquals(d.ImplementationInstance, column)))
        {
            services.AddSingleton(column);
        }

        return services;
    }
}
