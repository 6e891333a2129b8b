namespace Cash.Web.Security.Encryption;

/// <summary>
/// An encrypted value could not be read: altered, moved to another row or column, truncated, or
/// sealed under a key the ring does not hold. The message never carries the value or its location.
/// </summary>
public sealed class FieldDecryptionException : Exception
{
    private const string DefaultMessage = "An encrypted value could not be decrypted: it was altered, moved, or sealed under an unknown key.";

    public FieldDecryptionException()
        : base(DefaultMessage)
    {
    }

    public FieldDecryptionException(string message)
        : base(message)
    {
    }

    public FieldDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
