using Cash.Web.Data.Seed;
using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Orientation;
using Cash.Web.Forms;
using Cash.Web.Orientation;
using Cash.Web.Pages.Orientation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Cash.Tests;

/// <summary>
/// The assistant's ranking without a database: every seeded rule recommends its service with its
/// reason when the answers match (and not when they do not), the order, the school's PMS centre,
/// the never-empty result, and what forged query values become.
/// </summary>
public sealed class OrientationRulesTests
{
    private static readonly IReadOnlyList<DirectorySeeder.SeedService> Leaflet = DirectorySeeder.LoadLeaflet();

    private static readonly IReadOnlyList<OrientationCandidate> Services =
        [.. Leaflet.Select((s, i) => new OrientationCandidate(i + 1, s.Kind, s.Texts["fr"].Name))];

    public static TheoryData<int> SeededRules => [.. Enumerable.Range(0, OrientationRuleSeeder.LoadRules().Count)];

    [Fact]
    public void EverySeededRuleNamesALeafletServiceAndExplainsItselfInThreeLanguages()
    {
        var rules = OrientationRuleSeeder.LoadRules();

        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            Assert.Contains(Leaflet, s => s.Slug == rule.Service);
            Assert.InRange(rule.Weight, 1, 100);
            foreach (var language in new[] { "fr", "nl", "en" })
            {
                Assert.True(rule.Reason.TryGetValue(language, out var reason) && reason.Length is > 10 and <= 500, $"{rule.Service}: reason in {language}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SeededRules))]
    public void EachSeededRuleRecommendsItsServiceWithItsReasonWhenTheAnswersMatch(int index)
    {
        var seed = OrientationRuleSeeder.LoadRules()[index];
        var serviceId = IdOf(seed.Service);
        var rule = seed.ToEntity(serviceId);
        var answers = Matching(rule);
        int? school = Services.Single(s => s.Id == serviceId).Kind == ServiceKind.PmsCentre ? serviceId : null;

        foreach (var language in new[] { "fr", "nl", "en" })
        {
            var result = OrientationRanking.Recommend([rule], Services, school, answers, language);

            var recommended = Assert.Single(result, r => r.ServiceId == serviceId);
            Assert.Contains(seed.Reason[language], recommended.Reasons);
            Assert.False(recommended.IsDefault);
        }

        // Answers outside the rule's conditions leave its reason out.
        if (NotMatching(rule) is { } other)
        {
            var result = OrientationRanking.Recommend([rule], Services, school, other, "fr");
            Assert.DoesNotContain(result, r => r.Reasons.Contains(seed.Reason["fr"]));
        }
    }

    [Fact]
    public void TheHighestTotalComesFirstAndTiesGoByName()
    {
        var declic = IdOf("le-declic");
        var passerelle = IdOf("la-passerelle");
        var egalite = IdOf("egalite-des-chances");
        OrientationRule[] rules =
        [
            Rule(declic, 10, "a"),
            Rule(declic, 15, "b"),
            Rule(passerelle, 30, "c", wishes: HelpWish.PsychologicalSupport),
            Rule(egalite, 25, "d"),
            Rule(egalite, 5, "never", wishes: HelpWish.ComplaintInformation),
        ];

        var result = OrientationRanking.Recommend(rules, Services, null, Answers(wishes: HelpWish.PsychologicalSupport), "fr");

        Assert.Equal([passerelle, declic, egalite], result.Select(r => r.ServiceId));
        Assert.Equal([30, 25, 25], result.Select(r => r.Score));
        Assert.Equal(["a", "b"], result[1].Reasons);
        Assert.DoesNotContain("never", result.SelectMany(r => r.Reasons));
    }

    [Fact]
    public void ASwitchedOffRuleCountsForNothing()
    {
        var declic = IdOf("le-declic");
        var off = Rule(IdOf("la-passerelle"), 90, "off");
        off.IsActive = false;

        var result = OrientationRanking.Recommend([off, Rule(declic, 5, "on")], Services, null, Answers(), "fr");

        Assert.Equal([declic], result.Select(r => r.ServiceId));
    }

    [Fact]
    public void TheChosenSchoolsPmsCentreIsRecommendedAndNoOtherPmsCentre()
    {
        var artem = IdOf("cpms-wbe-artem");
        var libre = IdOf("cpms-libre-mouscron-1");
        var rules = OrientationRuleSeeder.LoadRules().Select(r => r.ToEntity(IdOf(r.Service))).ToList();

        var result = OrientationRanking.Recommend(rules, Services, artem, Answers(wishes: HelpWish.ActionAtSchool), "fr");

        var pms = Assert.Single(result, r => Services.Single(s => s.Id == r.ServiceId).Kind == ServiceKind.PmsCentre);
        Assert.Equal(artem, pms.ServiceId);
        Assert.True(pms.IsSchoolPmsCentre);
        Assert.DoesNotContain(result, r => r.ServiceId == libre);

        var withoutSchool = OrientationRanking.Recommend(rules, Services, null, Answers(wishes: HelpWish.ActionAtSchool), "fr");
        Assert.DoesNotContain(withoutSchool, r => Services.Single(s => s.Id == r.ServiceId).Kind == ServiceKind.PmsCentre);
    }

    [Fact]
    public void TheSchoolsPmsCentreIsRecommendedEvenWithoutAnyRule()
    {
        var tremplin = IdOf("cpms-specialise-tremplin");

        var result = OrientationRanking.Recommend([], Services, tremplin, Answers(), "fr");

        var only = Assert.Single(result);
        Assert.Equal(tremplin, only.ServiceId);
        Assert.Equal(OrientationRanking.SchoolPmsWeight, only.Score);
        Assert.True(only.IsSchoolPmsCentre);
    }

    [Fact]
    public void WhenNothingMatchesTheServicesForEveryoneAreShown()
    {
        var egalite = IdOf("egalite-des-chances");
        OrientationRule[] rules = [Rule(IdOf("la-passerelle"), 40, "x", wishes: HelpWish.PsychologicalSupport), Rule(egalite, 1, "for everyone")];
        rules[1].WhenOnline = null;

        // The unconditional rule matches anyway: it is the answer, not a default.
        var result = OrientationRanking.Recommend(rules, Services, null, Answers(wishes: HelpWish.ComplaintInformation), "fr");
        Assert.Equal([egalite], result.Select(r => r.ServiceId));

        // With nothing at all matching, the youth aid service (the AMO) listens to everyone.
        var none = OrientationRanking.Recommend([rules[0]], Services, null, Answers(wishes: HelpWish.ComplaintInformation), "fr");
        var fallback = Assert.Single(none);
        Assert.Equal(IdOf("le-declic"), fallback.ServiceId);
        Assert.True(fallback.IsDefault);

        var noRules = OrientationRanking.Recommend([], Services, null, OrientationAnswers.None.Profile, "fr");
        Assert.NotEmpty(noRules);
    }

    [Theory]
    [InlineData("qui", "3")]
    [InlineData("qui", "youngtarget")]
    [InlineData("qui", "YoungTarget,Parent")]
    [InlineData("qui", "<script>alert(1)</script>")]
    [InlineData("danger", "oui")]
    [InlineData("enligne", "1")]
    [InlineData("ecole", "0012")]
    [InlineData("ecole", "-1")]
    [InlineData("ecole", "99999999999")]
    [InlineData("ecole", "1 OR 1=1")]
    public void AForgedValueReadsAsNotAnswered(string key, string value)
    {
        var answers = OrientationAnswers.From(new QueryCollection(new Dictionary<string, StringValues> { [key] = value }));

        Assert.Equal(OrientationAnswers.None, answers);
    }

    [Fact]
    public void FlagsAreReadFromCheckboxesAndFromCommaLists()
    {
        var answers = OrientationAnswers.From(new QueryCollection(new Dictionary<string, StringValues>
        {
            ["formes"] = new(["Physical", "Cyber,Sexual"]),
            ["souhaits"] = "Listening, DontKnow,,",
            ["qui"] = new(["Parent", "Other"]),
        }));

        Assert.Equal(BullyingForm.Physical | BullyingForm.Cyber | BullyingForm.Sexual, answers.Forms);
        Assert.Equal(HelpWish.Listening | HelpWish.DontKnow, answers.Wishes);
        Assert.Null(answers.Role);
    }

    [Theory]
    [InlineData("None")]
    [InlineData("64")]
    [InlineData("3")]
    [InlineData("Bogus")]
    [InlineData("physical")]
    [InlineData("Cyber,999")]
    public void OneNameThatIsNotAChoiceLeavesTheWholeAnswerUnanswered(string forged)
    {
        var answers = OrientationAnswers.From(new QueryCollection(new Dictionary<string, StringValues>
        {
            ["formes"] = new(["Physical", forged]),
            ["souhaits"] = new(["Listening", forged]),
        }));

        Assert.Equal(BullyingForm.None, answers.Forms);
        Assert.Equal(HelpWish.None, answers.Wishes);
    }

    [Fact]
    public void TheLinkToTheHelpFormCarriesTheAnswersByName()
    {
        var answers = new OrientationAnswers(SenderRole.YoungWitness, false, BullyingForm.Verbal | BullyingForm.Cyber, true, "7", HelpWish.Listening | HelpWish.ActionAtSchool);

        Assert.Equal("/aide?service=le-declic&qui=YoungWitness&formes=Verbal%2CCyber&enligne=true&ecole=7&souhaits=Listening%2CActionAtSchool", answers.HelpLink("le-declic"));
        Assert.Equal("/aide?qui=Parent&enligne=false&ecole=dehors&souhaits=DontKnow",
            new OrientationAnswers(SenderRole.Parent, true, BullyingForm.None, false, "dehors", HelpWish.DontKnow).HelpLink(null));
        Assert.Equal("/aide?qui=Other", (OrientationAnswers.None with { Role = SenderRole.Other, Where = OrientationAnswers.NotSaid }).HelpLink(null));
    }

    private static int IdOf(string slug) => Services[Leaflet.ToList().FindIndex(s => s.Slug == slug)].Id;

    private static OrientationRule Rule(int serviceId, int weight, string reason, HelpWish wishes = HelpWish.None) =>
        new(serviceId, weight) { ReasonFr = reason, WhenWishes = wishes };

    private static OrientationProfile Answers(SenderRole role = SenderRole.YoungTarget, BullyingForm forms = BullyingForm.Verbal, bool online = false, HelpWish wishes = HelpWish.Listening) =>
        new(role, forms, online, wishes);

    private static OrientationProfile Matching(OrientationRule rule) => Answers(
        rule.ForRoles.Count == 0 ? SenderRole.Other : rule.ForRoles[0],
        rule.WhenForms == BullyingForm.None ? BullyingForm.Relational : StrictEnums.Each(rule.WhenForms).First(),
        rule.WhenOnline ?? false,
        rule.WhenWishes == HelpWish.None ? HelpWish.Advice : StrictEnums.Each(rule.WhenWishes).Last());

    /// <summary>Answers that break exactly one of the rule's conditions, or null for a rule without conditions.</summary>
    private static OrientationProfile? NotMatching(OrientationRule rule)
    {
        var matching = Matching(rule);
        if (rule.ForRoles.Count > 0)
        {
            return matching with { Role = Enum.GetValues<SenderRole>().First(r => !rule.ForRoles.Contains(r)) };
        }

        if (rule.WhenForms != BullyingForm.None)
        {
            return matching with { Forms = StrictEnums.Each(~rule.WhenForms & (BullyingForm)63).First() };
        }

        if (rule.WhenWishes != HelpWish.None)
        {
            return matching with { Wishes = StrictEnums.Each(~rule.WhenWishes & (HelpWish)127).First() };
        }

        return rule.WhenOnline is { } online ? matching with { Online = !online } : null;
    }
}
