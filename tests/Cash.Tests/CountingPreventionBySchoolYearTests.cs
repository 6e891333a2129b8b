using System.Text;
using Cash.Web.Domain.Prevention;
using Cash.Web.Prevention;

namespace Cash.Tests;

/// <summary>
/// The rules of a prevention action that need no database: the school year read on a Brussels clock,
/// the recording service always among those that ran it, and the CSV a spreadsheet opens safely.
/// </summary>
public sealed class CountingPreventionBySchoolYearTests
{
    [Fact]
    public void TheSchoolYearTurnsAtMidnightBetweenTheThirtyFirstOfAugustAndTheFirstOfSeptemberInBrussels()
    {
        Assert.Equal(new SchoolYear(2026), SchoolYear.Of(new DateOnly(2027, 8, 31)));
        Assert.Equal(new SchoolYear(2027), SchoolYear.Of(new DateOnly(2027, 9, 1)));
        Assert.Equal(new SchoolYear(2026), SchoolYear.Of(new DateOnly(2027, 1, 1)));

        // Summer time in Brussels is UTC+2: 22:00 UTC on 31 August is already 1 September there.
        Assert.Equal(new SchoolYear(2026), SchoolYear.At(new DateTimeOffset(2027, 8, 31, 21, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new SchoolYear(2027), SchoolYear.At(new DateTimeOffset(2027, 8, 31, 22, 0, 0, TimeSpan.Zero)));
        Assert.Equal("2026-2027", new SchoolYear(2026).Label);
        Assert.True(new SchoolYear(2026).Contains(new DateOnly(2026, 9, 1)));
        Assert.False(new SchoolYear(2026).Contains(new DateOnly(2027, 9, 1)));
    }

    [Theory]
    [InlineData("2026", 2026)]
    [InlineData("2100", 2100)]
    [InlineData("1999", null)]
    [InlineData("2101", null)]
    [InlineData("+2026", null)]
    [InlineData("2026-2027", null)]
    [InlineData("", null)]
    public void AYearInTheAddressIsReadOnlyAsPlainDigitsInRange(string typed, int? expected) =>
        Assert.Equal(expected, SchoolYear.Read(typed)?.StartYear);

    [Fact]
    public void TheRecordingServiceAlwaysRunsTheActionAndAnActionNeedsAThemeAndASchool()
    {
        var action = new PreventionAction(Guid.NewGuid(), recordingServiceId: 7, Guid.NewGuid(), DateTimeOffset.UtcNow);
        action.Describe(PreventionKind.Campaign, PreventionThemes.OnlineSafety | PreventionThemes.Other, new DateOnly(2027, 2, 1), [3, 3, 4], null, 0, [9], null, null, null);
        Assert.Equal([7, 9], action.Services.Select(s => s.PartnerServiceId).Order());
        Assert.Equal([3, 4], action.Schools.Select(s => s.SchoolId).Order());

        action.Describe(PreventionKind.Campaign, PreventionThemes.Other, new DateOnly(2027, 2, 1), [4], null, 10, [], null, null, null);
        Assert.Equal([7], action.Services.Select(s => s.PartnerServiceId));
        Assert.Equal([4], action.Schools.Select(s => s.SchoolId));

        Assert.Throws<ArgumentException>(() => action.Describe(PreventionKind.Campaign, PreventionThemes.None, new DateOnly(2027, 2, 1), [4], null, 1, [], null, null, null));
        Assert.Throws<ArgumentException>(() => action.Describe(PreventionKind.Campaign, PreventionThemes.Other, new DateOnly(2027, 2, 1), [], null, 1, [], null, null, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => action.Describe(PreventionKind.Campaign, PreventionThemes.Other, new DateOnly(2027, 2, 1), [4], null, -1, [], null, null, null));
        Assert.Throws<ArgumentException>(() => action.Describe(PreventionKind.Campaign, PreventionThemes.Other, new DateOnly(2027, 2, 1), [4], null, 1, [], null, new string('x', PreventionAction.MaxTextLength + 1), null));
    }

    [Fact]
    public void TheCsvStartsWithAByteOrderMarkSeparatesBySemicolonsAndEndsLinesWithCrLf()
    {
        var bytes = CoverageCsv.Write([["École", "Réseau"], ["Athénée", "12"]]);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("École;Réseau\r\nAthénée;12\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Theory]
    [InlineData("Simple", "Simple")]
    [InlineData("Saint-Joseph; annexe", "\"Saint-Joseph; annexe\"")]
    [InlineData("Le \"Petit\" Prince", "\"Le \"\"Petit\"\" Prince\"")]
    [InlineData("deux\r\nlignes", "\"deux\r\nlignes\"")]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+32 56 00 00 00", "'+32 56 00 00 00")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tcachée", "'\tcachée")]
    [InlineData("=HYPERLINK(\"http://x\";\"y\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"")]
    [InlineData("", "")]
    [InlineData("Mot-clé = valeur", "Mot-clé = valeur")]
    public void ACellIsNeutralisedWhenItCouldStartAFormulaThenQuotedWhenItMustBe(string value, string written) =>
        Assert.Equal(written, CoverageCsv.Cell(value));
}
