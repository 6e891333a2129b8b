using Cash.Tests.Infrastructure;
using Cash.Web.Data.Seed;
using Cash.Web.Domain.Directory;

namespace Cash.Tests;

/// <summary>The seed shipped inside the app is the leaflet, word for word where the leaflet has the words.</summary>
public sealed class LeafletSeedTests
{
    [Fact]
    public void TheTestsOwnCopyOfTheDirectoryIsWhatTheLeafletPrints()
    {
        var leaflet = Leaflet.NormalisedText();

        Assert.Equal(10, Leaflet.Services.Count);
        Assert.All(Leaflet.Services, service =>
        {
            Assert.Contains(service.Name, leaflet, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(service.Phone, leaflet, StringComparison.Ordinal);
            Assert.Contains(service.Email, leaflet, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void TheSeedHasTheTenServicesOfTheLeafletInThreeLanguages()
    {
        var seed = DirectorySeeder.LoadLeaflet();

        Assert.Equal(
            Leaflet.Services.Select(s => (s.Slug, s.Phone, s.Email)).OrderBy(s => s.Slug, StringComparer.Ordinal),
            seed.Select(s => (s.Slug, s.Phone, s.Email)).OrderBy(s => s.Slug, StringComparer.Ordinal));
        Assert.All(seed, service =>
        {
            Assert.Equal(["en", "fr", "nl"], service.Texts.Keys.Order(StringComparer.Ordinal));
            Assert.All(service.Texts.Values, text =>
            {
                Assert.False(string.IsNullOrWhiteSpace(text.Name), $"{service.Slug}: a name is empty.");
                Assert.False(string.IsNullOrWhiteSpace(text.WhatWeCanDo), $"{service.Slug}: a 'what we can do' is empty.");
            });
        });
    }

    [Fact]
    public void TheServicesTheLeafletSaysActOnlyIfTheYoungPersonWishesAreMarkedSo()
    {
        var leaflet = Leaflet.NormalisedText();
        var seed = DirectorySeeder.LoadLeaflet().ToDictionary(s => s.Slug);

        // The leaflet: mediation "uniquement si le jeune le souhaite", the police "si le jeune le souhaite".
        Assert.Contains("uniquement si le jeune le souhaite", leaflet, StringComparison.OrdinalIgnoreCase);
        Assert.True(seed["mediation-scolaire"].ActsOnlyWithAgreement);
        Assert.True(seed["police-pole-psycho-social"].ActsOnlyWithAgreement);
    }

    [Fact]
    public void WhatEachKindOfServiceCanDoIsTheLeafletsOwnFrenchWording()
    {
        var leaflet = Leaflet.NormalisedText();
        var seed = DirectorySeeder.LoadLeaflet();

        Assert.Equal(Enum.GetValues<ServiceKind>().Order(), seed.Select(s => s.Kind).Distinct().Order());
        Assert.All(seed, service =>
        {
            var wording = Leaflet.Normalise(service.Texts["fr"].WhatWeCanDo).TrimEnd('.');
            Assert.True(
                leaflet.Contains(wording, StringComparison.OrdinalIgnoreCase),
                $"{service.Slug}: \"{wording}\" is not in the leaflet.");
        });
    }
}
