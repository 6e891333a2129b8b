using System.Runtime.InteropServices;
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
/// outside <c>data/</c>). A missing file is created with a fresh random key only when the database
/// holds nothing sealed yet: a new key for a database sealed under another would make all of it
/// unreadable, so the start stops instead and says which file to restore.
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

    /// <summary>
    /// The configured key, or the key file's; when neither exists, a new key file, provided
    /// <paramref name="sealedDataFound"/> finds nothing in the database that an earlier key sealed.
    /// </summary>
    /// <param name="sealedDataFound">Given the key file's path, what the database already holds sealed (for the message), or null when it holds nothing.</param>
    /// <exception cref="MasterKeyException">The key file is missing but the database holds sealed data; nothing was written.</exception>
    public static MasterKey Load(IConfiguration configuration, string contentRoot, Func<string, string?> sealedDataFound)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sealedDataFound);
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

        if (sealedDataFound(path) is { } found)
        {
            throw new MasterKeyException(
                $"The master key file {path} is missing, but the database already holds {found} sealed under a master key. " +
                $"Restore {path} from your backup of the master key (or give that key in {ConfigurationKey}). " +
                "No new key was created: one would leave everything sealed so far unreadable and the audit trail unverifiable.");
        }

        var fresh = RandomNumberGenerator.GetBytes(Length);
        if (!KeyFile.TryCreate(path, Convert.ToBase64String(fresh)))
        {
            // Another instance created it first, from the same empty database: use that one.
            return new MasterKey(Decode(File.ReadAllText(path).Trim(), path)) { Source = path };
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

    /// <summary>
    /// Creates the key file so that it is either absent or whole, even if the process dies half-way:
    /// written under a temporary name in the same folder (mode 0600 from the start), flushed to the
    /// disk, then given its name in one step, and the folder flushed so the name survives a crash.
    /// Only then is the key used, so nothing is ever sealed under a key that a power cut could take back.
    /// </summary>
    private static class KeyFile
    {
        public static bool TryCreate(string path, string content)
        {
            var folder = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(folder);
            var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(temporary, options))
                {
                    stream.Write(Encoding.ASCII.GetBytes(content));
                    stream.Flush(flushToDisk: true);
                }

                try
                {
                    // Never over an existing file: a key another instance has just written stays the key.
                    File.Move(temporary, path, overwrite: false);
                }
                catch (IOException) when (File.Exists(path))
                {
                    return false;
                }

                FlushFolder(folder);
                return true;
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        /// <summary>fsync on the folder, which .NET offers no API for (it refuses to open a folder as a file).</summary>
        private static void FlushFolder(string folder)
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                return;
            }

            var descriptor = Native.open(Encoding.UTF8.GetBytes(folder + "\0"), 0);
            if (descriptor < 0)
            {
                throw new IOException($"The folder {folder} could not be opened to flush the new master key file (errno {Marshal.GetLastPInvokeError()}).");
            }

            try
            {
                if (Native.fsync(descriptor) != 0)
                {
                    throw new IOException($"The folder {folder} could not be flushed after writing the master key file (errno {Marshal.GetLastPInvokeError()}).");
                }
            }
            finally
            {
                _ = Native.close(descriptor);
            }
        }

        private static class Native
        {
            [DllImport("libc", SetLastError = true)]
            public static extern int open(byte[] path, int flags);

            [DllImport("libc", SetLastError = true)]
            public static extern int fsync(int descriptor);

            [DllImport("libc", SetLastError = true)]
            public static extern int close(int descriptor);
        }
    }
}

/// <summary>
/// The master key at hand cannot be used with this database: its file is missing while the database
/// holds sealed data, or it opens none of what the database holds. The message says what to restore.
/// </summary>
public sealed class MasterKeyException : Exception
{
    public MasterKeyException()
        : base("The master key does not open what the database holds.")
    {
    }

    public MasterKeyException(string message)
        : base(message)
    {
    }

    public MasterKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
