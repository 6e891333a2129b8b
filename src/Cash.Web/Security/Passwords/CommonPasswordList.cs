using System.Collections.Frozen;
using System.IO.Compression;
using System.Text;

namespace Cash.Web.Security.Passwords;

/// <summary>
/// The common and breached passwords shipped inside the app (<c>common-passwords.txt.gz</c>, see
/// <c>NOTICE.txt</c>), so checking a password never sends it, nor its hash, anywhere (ASVS 2.1.7).
/// Read on first use only: most requests never choose a password.
/// </summary>
public sealed class CommonPasswordList
{
    internal const string ResourceName = "Cash.Web.Security.Passwords.common-passwords.txt.gz";

    private readonly Lazy<FrozenSet<string>> entries = new(Load);

    public int Count => entries.Value.Count;

    /// <summary>True when the password, compared as <see cref="Normalize"/> writes it, is on the list.</summary>
    public bool Contains(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return entries.Value.Contains(Normalize(password));
    }

    /// <summary>The form the list is stored in: compatibility-normalised, trimmed, lower case.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string composed;
        try
        {
            composed = text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be normalised; such a string cannot be on the list either way.
            composed = text;
        }

        return composed.Trim().ToLowerInvariant();
    }

    private static FrozenSet<string> Load()
    {
        using var resource = typeof(CommonPasswordList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var unzipped = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(unzipped, Encoding.UTF8);
        var passwords = new List<string>(capacity: 50_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
