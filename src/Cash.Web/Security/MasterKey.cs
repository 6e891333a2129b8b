using System.Security.Cryptography;
using System.Text;

namespace Cash.Web.Security;

/// <summary>
/// The one secret that never goes into the database. Everything that protects data at rest is
/// derived from it with HKDF-SHA256, one purpose per derived key: the field-encryption key ring,
/// the Data Protection key ring, and the audit trail's HMAC.
/// <para>
/// Where it comes from, first match wins: <c>Security:MasterKey</c> (base64, 32 bytes; e.g. the
/// environment variable <c>Security__MasterKey</c> or a secrets manager), else the file
/// <c>Security:MasterKeyFile</c> (default <c>keys/master.key</c> under the content root, deliberately
/// outside <c>data/</c>), created with a fresh random key when missing.
/// </para>
/// </summary>
public sealed class MasterKey
{
    public const string ConfigurationKey = "Security:MasterKey";
    public const string FileConfigurationKey = "Security:MasterKeyFile";
    public const string DefaultFile = "keys/master.key";
    public const int Length = 32;

    private readonly byte[] key;

    public MasterKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != Length)
        {
            throw new ArgumentException($"The master key is {Length} bytes.", nameof(key));
        }

        this.key = key.ToArray();
    }

    /// <summary>True when the key was just generated (the file did not exist): worth a warning outside development.</summary>
    public bool WasGenerated { get; private init; }

    /// <summary>Where the key came from, for the start-up log (never the key itself).</summary>
    public string Source { get; private init; } = "";

    /// <summary>A 32-byte key for one purpose; the same purpose always gives the same key.</summary>
    public byte[] Derive(string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, key, Length, salt: [], info: Encoding.UTF8.GetBytes(purpose));
    }

    public static MasterKey Load(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new MasterKey(Decode(configured, ConfigurationKey)) { Source = ConfigurationKey };
        }

        var path = Path.GetFullPath(configuration[FileConfigurationKey] is { Length: > 0 } file ? file : DefaultFile, contentRoot);
        if (File.Exists(path))
        {
            return new MasterKey(Decode(File.ReadAllText(path).Trim(), path)) { Source = path };
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fresh = RandomNumberGenerator.GetBytes(Length);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(fresh));
        }

        return new MasterKey(fresh) { Source = path, WasGenerated = true };
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var bytes = Convert.FromBase64String(base64);
            if (bytes.Length == Length)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
            // Reported below with the same message as a wrong length.
        }

        throw new InvalidOperationException($"The master key from {source} must be {Length} random bytes in base64 (e.g. `openssl rand -base64 32`).");
    }
}
