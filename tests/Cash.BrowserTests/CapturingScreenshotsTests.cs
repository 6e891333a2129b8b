namespace Cash.BrowserTests;

/// <summary>
/// Full-page screenshots at a small phone's width and a desktop's, kept under
/// <c>artifacts/screenshots/</c> so a person can review the layout after each run.
/// </summary>
public sealed class CapturingScreenshotsTests(CashSite site)
{
    private static readonly int[] Widths = [360, 1280];

    public static TheoryData<string, string, string, int> Shots =>
    [
        .. PublicPages.All.Select(p => (p.Name, p.Path, "fr-BE", 200)),
        ("404", PublicPages.MissingPath, "fr-BE", 404),
        ("home", "/", "nl-BE", 200),
        ("home", "/", "en", 200),
    ];

    [Theory]
    [MemberData(nameof(Shots))]
    public async Task PageIsCapturedAtPhoneAndDesktopWidths(string name, string path, string culture, int expectedStatus)
    {
        await using var session = await site.OpenAsync(width: Widths[0]);
        var status = await session.GoToAsync(PublicPages.InCulture(path, culture));
        Assert.Equal(expectedStatus, status);

        foreach (var width in Widths)
        {
            var file = Path.Combine(Screenshots.Folder, $"{name}-{PublicPages.LanguageOf(culture)}-{width}.png");
            File.Delete(file);
            await session.Page.SetViewportSizeAsync(width, 800);

            await session.Page.ScreenshotAsync(new() { Path = file, FullPage = true });

            Assert.True(new FileInfo(file) is { Exists: true, Length: > 0 }, $"No screenshot at {file}.");
        }
    }
}
