using System.Text.RegularExpressions;
using Cash.Tests.Infrastructure;

namespace Cash.Tests;

/// <summary>
/// The house rule of docs/ARCHITECTURE.md, checked on the source itself: no page folder reaches into
/// another, and nothing outside <c>Pages/</c> reaches into a page folder — what they share lives in
/// the feature's home. Checked on every C# file and Razor view, imports and fully qualified names alike.
/// </summary>
public sealed partial class KeepingFeaturesInTheirHomesTests
{
    [Fact]
    public void NoFileReachesIntoAnotherPageFolder()
    {
        var app = SourceTree.PathOf("src/Cash.Web");
        var crossings = new List<string>();
        foreach (var file in Directory.EnumerateFiles(app, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(app, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal) || relative.Contains("/Migrations/", StringComparison.Ordinal))
            {
                continue;
            }

            var own = PageFolderOf(relative);
            foreach (Match reference in PageNamespace().Matches(File.ReadAllText(file)))
            {
                var target = FolderNamed(reference, Folders);
                if (target is "" or "Shared" or "Pro" || target == own)
                {
                    continue;
                }

                crossings.Add($"{relative} -> Pages.{target}");
            }
        }

        Assert.Empty(crossings.Distinct());
    }

    [Fact]
    public void TheCheckSeesAQualifiedReferenceToAnotherPageFolder()
    {
        var references = PageNamespace().Matches("x = Cash.Web.Pages.Help.RequestFormModel.MaxTextLength; using Cash.Web.Pages.Pro.Inbox; @model Cash.Web.Pages.Pro.IndexModel");

        Assert.Equal(["Help", "Pro.Inbox", "Pro"], references.Select(m => FolderNamed(m, Folders)));
        Assert.Equal("Pro.Inbox", PageFolderOf("Pages/Pro/Inbox/Details.cshtml.cs"));
        Assert.Equal("FollowUp", PageFolderOf("Pages/FollowUp/Index.cshtml"));
        Assert.Null(PageFolderOf("HelpRequests/FollowUpGuard.cs"));
    }

    /// <summary>Every page folder, as its namespace names it: <c>Help</c>, <c>Pro</c>, <c>Pro.Inbox</c>…</summary>
    private static readonly HashSet<string> Folders = [..
        Directory.EnumerateDirectories(SourceTree.PathOf("src/Cash.Web/Pages"), "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(SourceTree.PathOf("src/Cash.Web/Pages"), d).Replace(Path.DirectorySeparatorChar, '.'))];

    /// <summary>The page folder a reference names: the longest folder its segments spell ("" for a type of <c>Pages</c> itself).</summary>
    private static string FolderNamed(Match reference, HashSet<string> folders)
    {
        var (first, second) = (reference.Groups["first"].Value, reference.Groups["second"].Value);
        return folders.Contains($"{first}.{second}") ? $"{first}.{second}" : folders.Contains(first) ? first : "";
    }

    /// <summary>The page folder a file belongs to, as its namespace says it (<c>Help</c>, <c>Pro.Inbox</c>); null outside <c>Pages/</c>.</summary>
    private static string? PageFolderOf(string relative)
    {
        var parts = relative.Split('/');
        if (parts[0] != "Pages" || parts.Length < 3)
        {
            return parts[0] == "Pages" ? "" : null;
        }

        return parts[1] == "Pro" && parts.Length >= 4 ? $"Pro.{parts[2]}" : parts[1];
    }

    /// <summary><c>Cash.Web.Pages.Help…</c>, <c>Cash.Web.Pages.Pro.Inbox…</c>: the first two names after <c>Pages</c>.</summary>
    [GeneratedRegex(@"Cash\.Web\.Pages\.(?<first>[A-Za-z]+)(?:\.(?<second>[A-Za-z]+))?")]
    private static partial Regex PageNamespace();
}
