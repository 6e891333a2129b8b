namespace Cash.Web.Security.Encryption;

/// <summary>
/// One AES-256 key of the field-encryption key ring, stored only wrapped (AES-GCM) under a key
/// derived from the master key, which lives outside the database.
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

    /// <summary>nonce ‖ tag ‖ ciphertext of the 32-byte key, bound to <see cref="Id"/>.</summary>
    public byte[] WrappedKey { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set when a newer key takes over; a retired key still decrypts, never encrypts.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsActive => RetiredAt is null;

    public void Retire(DateTimeOffset at) => RetiredAt ??= at;
}
