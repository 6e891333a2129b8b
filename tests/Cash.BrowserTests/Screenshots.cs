namespace Cash.BrowserTests;

/// <summary><c>artifacts/screenshots/</c> at the root of the repository, where every screenshot of a run goes.</summary>
internal static class Screenshots
{
    private static readonly Lazy<string> Location = new(() =>
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Cash.slnx")))
        {
            folder = folder.Parent;
        }

        var screenshots = Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Cash.slnx not found above the test binaries."), "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        return screenshots;
    });

    public static string Folder => Location.Value;
}
