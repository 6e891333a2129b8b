namespace Cash.Tests.Infrastructure;

/// <summary>Files of the repository itself, found from the test binaries by walking up to <c>Cash.slnx</c>.</summary>
public static class SourceTree
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Cash.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Cash.slnx above {AppContext.BaseDirectory}: the tests must run from a build inside the repository.");
    });

    public static string Root => RootFolder.Value;

    /// <summary>A path relative to the repository root, written with forward slashes.</summary>
    public static string PathOf(string relativePath) =>
        Path.Combine([Root, .. relativePath.Split('/')]);
}
