namespace Cash.Web.Security.Encryption;

/// <summary>
/// One AES-256 key of the field-encryption key ring, stored only wrapped (AES-GCM) under a key
/// derived from the master key, which lives outside the database. The wrapping authenticates the
/// key's id, creation and retirement time with it (see <see cref="FieldKeyRing"/>), so retiring a
/// key wraps it again, and a row whose id or dates were changed in the database no longer opens.
/// </summary>
public sealed class DataKey
{
    private DataKey()
    {
    }

    public DataKey(Guid id, byte[] wrappedKey, DateTimeOffset createdAt)
    {
        Id = id;
        WrappedKey = wrappedKey;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>nonce ‖ tag ‖ ciphertext of the 32-byte key, bound to <see cref="Id"/>, <see cref="CreatedAt"/> and <see cref="RetiredAt"/>.</summary>
    public byte[] WrappedKey { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set when a newer key takes over; a retired key still decrypts, never encrypts.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsActive => RetiredAt is null;

    /// <summary>
    /// Retires the key, with its wrapping renewed to cover the retirement time (none for a key
    /// written before dates were sealed, whose dates never counted).
    /// </summary>
    internal void Retire(DateTimeOffset at, byte[]? rewrappedKey)
    {
        if (RetiredAt is not null)
        {
            throw new InvalidOperationException("This key is retired already.");
        }

        RetiredAt = at;
        if (rewrappedKey is not null)
        {
            WrappedKey = rewrappedKey;
        }
    }
}
