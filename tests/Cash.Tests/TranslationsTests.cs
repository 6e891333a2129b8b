using System.Xml.Linq;
using Cash.Tests.Infrastructure;

namespace Cash.Tests;

/// <summary>French is written first (the neutral .resx); Dutch and English must say the same things, no more, no less.</summary>
public sealed class TranslationsTests
{
    [Theory]
    [InlineData("Ui", "nl")]
    [InlineData("Ui", "en")]
    [InlineData("Content", "nl")]
    [InlineData("Content", "en")]
    public void EveryStringExistsInEveryLanguage(string resource, string language)
    {
        var french = Read($"{resource}.resx");
        var translated = Read($"{resource}.{language}.resx");

        Assert.NotEmpty(french);
        Assert.Equal(french.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
        Assert.All(french, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{resource}.resx: '{entry.Key}' is empty."));
        Assert.All(translated, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{resource}.{language}.resx: '{entry.Key}' is empty."));
    }

    [Fact]
    public void EveryResourceFileHasItsDutchAndEnglishTwin()
    {
        var files = Directory.GetFiles(SourceTree.PathOf("src/Cash.Web/Resources"), "*.resx").Select(Path.GetFileName).ToHashSet();
        var neutral = files.Where(f => f!.Count(c => c == '.') == 1).ToList();

        Assert.Contains("Ui.resx", neutral);
        Assert.All(neutral, file =>
        {
            Assert.Contains(file!.Replace(".resx", ".nl.resx", StringComparison.Ordinal), files);
            Assert.Contains(file.Replace(".resx", ".en.resx", StringComparison.Ordinal), files);
        });
    }

    private static Dictionary<string, string> Read(string file)
    {
        var path = SourceTree.PathOf($"src/Cash.Web/Resources/{file}");
        Assert.True(File.Exists(path), $"{file} is missing.");
        var entries = XDocument.Load(path).Root!.Elements("data")
            .Select(d => (Key: (string)d.Attribute("name")!, Value: (string?)d.Element("value") ?? ""))
            .ToList();
        var duplicates = entries.GroupBy(e => e.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{file} defines twice: {string.Join(", ", duplicates)}");
        return entries.ToDictionary(e => e.Key, e => e.Value);
    }
}
