using System.Xml.Linq;
using Cash.Tests.Infrastructure;

namespace Cash.Tests;

/// <summary>French is written first (the neutral .resx); Dutch and English must say the same things, no more, no less.</summary>
public sealed class TranslationsTests
{
    /// <summary>Every resource set of the app (Ui, Content, ProSpace, Mail, Passwords…) with each translation.</summary>
    public static TheoryData<string, string> ResourceSets()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(SourceTree.PathOf("src/Cash.Web/Resources"), "*.resx").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal))
        {
            if (file.Count(c => c == '.') == 1)
            {
                data.Add(file[..^".resx".Length], "nl");
                data.Add(file[..^".resx".Length], "en");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void EveryStringExistsInEveryLanguage(string resource, string language)
    {
        var french = Read($"{resource}.resx");
        var translated = Read($"{resource}.{language}.resx");

        Assert.NotEmpty(french);
        Assert.Equal(french.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
        Assert.All(french, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{resource}.resx: '{entry.Key}' is empty."));
        Assert.All(translated, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{resource}.{language}.resx: '{entry.Key}' is empty."));
        Assert.All(french, entry => Assert.True(
            Placeholders(entry.Value).SetEquals(Placeholders(translated[entry.Key])),
            $"{resource}.{language}.resx: '{entry.Key}' does not use the same {{0}} placeholders as French."));
    }

    private static HashSet<string> Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value)];

    /// <summary>
    /// A validation message is a resource key read from the set its page's place gives (or its model's
    /// <c>[MessagesFrom]</c>): a key that set lacks would show the key itself to the person typing.
    /// </summary>
    [Theory]
    [InlineData("fr")]
    [InlineData("nl")]
    [InlineData("en")]
    public void EveryValidationMessageIsFoundWhereItsFormReadsIt(string language)
    {
        var factory = new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var missing = new List<string>();
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);
        try
        {
            foreach (var model in typeof(Program).Assembly.GetTypes())
            {
                var keys = model.GetProperties()
                    .SelectMany(p => p.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.ValidationAttribute), inherit: true))
                    .Cast<System.ComponentModel.DataAnnotations.ValidationAttribute>()
                    .Select(a => a.ErrorMessage)
                    .OfType<string>()
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                if (keys.Count == 0)
                {
                    continue;
                }

                var messages = Cash.Web.Localization.CashCultures.ValidationMessages(model, factory);
                missing.AddRange(keys.Where(key => messages[key].ResourceNotFound).Select(key => $"{model.FullName}: {key}"));
            }
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }

        Assert.Empty(missing);
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
