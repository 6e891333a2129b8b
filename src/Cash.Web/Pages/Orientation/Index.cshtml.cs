using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Orientation;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.Orientation;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Orientation;

/// <summary>
/// The orientation assistant (/orientation): one question per page, plain GET forms, the answers
/// carried in the query string and nothing stored, so it works without JavaScript, cookies or a
/// session. Each step submits to itself with <c>suivant=1</c>: a valid answer moves on (redirect),
/// a missing one shows the step again with the error summary. The pages hold no personal data and
/// are cached per language and per query, until the directory, a rule or a school changes.
/// </summary>
[AllowAnonymous]
[OrientationOutputCache]
public sealed class IndexModel(PartnerDirectoryCache directory, ActiveSchools activeSchools, ActiveOrientationRules activeRules, IStringLocalizer<Portal> text, IStringLocalizer<Ui> ui) : PageModel
{
    public const string NextKey = OrientationAnswers.NextKey;

    /// <summary>The numbered questions, in order ("Question 2 sur 5").</summary>
    public static readonly IReadOnlyList<OrientationStep> Questions =
        [OrientationStep.Who, OrientationStep.Danger, OrientationStep.What, OrientationStep.Where, OrientationStep.Help];

    public OrientationStep Step { get; private set; }

    public OrientationAnswers Answers { get; private set; } = OrientationAnswers.None;

    public IReadOnlyList<SchoolChoice> Schools { get; private set; } = [];

    public IReadOnlyList<RecommendedService> Recommendations { get; private set; } = [];

    public string? SchoolName { get; private set; }

    /// <summary>1-based position among the questions, or 0 for the urgent page and the result.</summary>
    public int Number => Questions.ToList().IndexOf(Step) + 1;

    public async Task<IActionResult> OnGetAsync(string? step, CancellationToken cancellationToken)
    {
        if (OrientationSteps.Parse(step) is not { } current)
        {
            return NotFound();
        }

        Step = current;
        Answers = OrientationAnswers.From(Request.Query);
        var where = Answers.SchoolId is null ? null : await FindSchoolAsync(Answers.SchoolId.Value, cancellationToken);
        if (Answers.SchoolId is not null && where is null)
        {
            // A school that does not exist (or no longer does) is no answer.
            Answers = Answers with { Where = null };
        }

        if (FirstMissingBefore(current) is { } missing)
        {
            return Redirect(OrientationSteps.Url(missing, Answers));
        }

        if (Request.Query[NextKey] == "1")
        {
            Validate(current);
            if (ModelState.IsValid)
            {
                return Redirect(OrientationSteps.Url(After(current), Answers));
            }
        }

        ViewData["Title"] = text[$"Orientation.{current}.Title"].Value;
        ViewData["Section"] = "orientation";
        if (current == OrientationStep.Where)
        {
            Schools = await activeSchools.GetAsync(cancellationToken);
        }
        else if (current == OrientationStep.Result)
        {
            SchoolName = where?.Name;
            await RecommendAsync(where?.PmsServiceId, cancellationToken);
        }

        return Page();
    }

    /// <summary>The link back: the previous question with every answer kept.</summary>
    public string BackUrl => Step switch
    {
        OrientationStep.Who => "/",
        OrientationStep.Danger or OrientationStep.Urgent => OrientationSteps.Url(OrientationStep.Who, Answers),
        OrientationStep.What => OrientationSteps.Url(Answers.Danger == true ? OrientationStep.Urgent : OrientationStep.Danger, Answers),
        OrientationStep.Where => OrientationSteps.Url(OrientationStep.What, Answers),
        OrientationStep.Help => OrientationSteps.Url(OrientationStep.Where, Answers),
        _ => OrientationSteps.Url(OrientationStep.Help, Answers),
    };

    /// <summary>The answers of the other questions, carried by the form as hidden fields.</summary>
    public IEnumerable<KeyValuePair<string, string>> CarriedAnswers
    {
        get
        {
            var own = Step switch
            {
                OrientationStep.Who => [OrientationAnswers.RoleKey],
                OrientationStep.Danger => [OrientationAnswers.DangerKey],
                OrientationStep.What => [OrientationAnswers.FormsKey, OrientationAnswers.OnlineKey],
                OrientationStep.Where => [OrientationAnswers.WhereKey],
                OrientationStep.Help => new[] { OrientationAnswers.WishesKey },
                _ => [],
            };
            return Answers.ToQuery().Where(p => !own.Contains(p.Key));
        }
    }

    private OrientationStep After(OrientationStep step) => step switch
    {
        OrientationStep.Who => OrientationStep.Danger,
        OrientationStep.Danger when Answers.Danger == true => OrientationStep.Urgent,
        OrientationStep.Danger => OrientationStep.What,
        OrientationStep.Urgent => OrientationStep.What,
        OrientationStep.What => OrientationStep.Where,
        OrientationStep.Where => OrientationStep.Help,
        _ => OrientationStep.Result,
    };

    /// <summary>Someone arriving at a later step (a bookmark, an edited address) is sent to the first question left unanswered.</summary>
    private OrientationStep? FirstMissingBefore(OrientationStep step)
    {
        var answered = new (OrientationStep Step, bool Done)[]
        {
            (OrientationStep.Who, Answers.Role is not null),
            (OrientationStep.Danger, Answers.Danger is not null),
            (OrientationStep.What, Answers.Forms != BullyingForm.None && Answers.Online is not null),
            (OrientationStep.Where, Answers.Where is not null),
            (OrientationStep.Help, Answers.Wishes != HelpWish.None),
        };
        var needed = step switch
        {
            OrientationStep.Who => 0,
            OrientationStep.Danger or OrientationStep.Urgent => 1,
            OrientationStep.What => 2,
            OrientationStep.Where => 3,
            OrientationStep.Help => 4,
            _ => 5,
        };
        return answered.Take(needed).Where(a => !a.Done).Select(a => (OrientationStep?)a.Step).FirstOrDefault();
    }

    private void Validate(OrientationStep step)
    {
        void Require(bool answered, string key, string message)
        {
            if (!answered)
            {
                // Something was sent but is not one of the choices: said as such, not as "no answer".
                var forged = Request.Query[key].Any(v => !string.IsNullOrWhiteSpace(v));
                ModelState.AddModelError(key, forged ? ui[StrictEnumModelBinder.MessageKey] : text[message]);
            }
        }

        switch (step)
        {
            case OrientationStep.Who:
                Require(Answers.Role is not null, OrientationAnswers.RoleKey, "Orientation.Who.Required");
                break;
            case OrientationStep.Danger:
                Require(Answers.Danger is not null, OrientationAnswers.DangerKey, "Orientation.Danger.Required");
                break;
            case OrientationStep.What:
                Require(Answers.Forms != BullyingForm.None, OrientationAnswers.FormsKey, "Orientation.What.Required");
                Require(Answers.Online is not null, OrientationAnswers.OnlineKey, "Orientation.Online.Required");
                break;
            case OrientationStep.Where:
                Require(Answers.Where is not null, OrientationAnswers.WhereKey, "Orientation.Where.Required");
                break;
            case OrientationStep.Help:
                Require(Answers.Wishes != HelpWish.None, OrientationAnswers.WishesKey, "Orientation.Help.Required");
                break;
            default:
                break;
        }
    }

    private async Task<SchoolChoice?> FindSchoolAsync(int id, CancellationToken cancellationToken) =>
        (await activeSchools.GetAsync(cancellationToken)).FirstOrDefault(s => s.Id == id);

    private async Task RecommendAsync(int? schoolPmsServiceId, CancellationToken cancellationToken)
    {
        var language = CashCultures.CurrentLanguage;
        var known = await directory.GetAsync(cancellationToken);
        var services = known.PublishedServices;
        var rules = await activeRules.GetAsync(cancellationToken);
        var candidates = services.Select(s => new OrientationCandidate(s.Id, s.Kind, known.NameOf(s.Id, language)!)).ToList();
        var ranked = OrientationRanking.Recommend(rules, candidates, schoolPmsServiceId, Answers.Profile, language);
        var byId = services.ToDictionary(s => s.Id);
        Recommendations = [.. ranked.Select(r => new RecommendedService(byId[r.ServiceId], byId[r.ServiceId].TextFor(language), r))];
    }

    public sealed record RecommendedService(PartnerService Service, PartnerServiceText Text, Recommendation Why);
}

public enum OrientationStep
{
    Who,
    Danger,
    Urgent,
    What,
    Where,
    Help,
    Result,
}

/// <summary>The steps' addresses, in French like the rest of the portal.</summary>
public static class OrientationSteps
{
    private static readonly Dictionary<OrientationStep, string> Paths = new()
    {
        [OrientationStep.Who] = "",
        [OrientationStep.Danger] = "danger",
        [OrientationStep.Urgent] = "urgence",
        [OrientationStep.What] = "quoi",
        [OrientationStep.Where] = "ou",
        [OrientationStep.Help] = "aide",
        [OrientationStep.Result] = "resultat",
    };

    public static OrientationStep? Parse(string? path) =>
        Paths.Where(p => p.Value == (path ?? "")).Select(p => (OrientationStep?)p.Key).FirstOrDefault();

    public static string Path(OrientationStep step) =>
        Paths[step].Length == 0 ? "/orientation" : "/orientation/" + Paths[step];

    public static string Url(OrientationStep step, OrientationAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return Path(step) + answers.QueryString();
    }
}
