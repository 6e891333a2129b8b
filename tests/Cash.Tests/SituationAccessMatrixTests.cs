using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// The need-to-know matrix of one situation: every page and POST handler of situations, referrals,
/// journal and documents (found in the app's own endpoints, so a new one cannot be forgotten), for each
/// kind of visitor the issue names, must answer as written below; and what the situation's page shows
/// follows the tier: content for the services involved, identities only where a consent covers them,
/// metadata for a coordinator, nothing for anyone else.
/// </summary>
public abstract class SituationAccessMatrixTests(CashApp app)
{
    public enum Visitor
    {
        Anonymous,

        /// <summary>A member of the lead service (AMO « Le Déclic »).</summary>
        Lead,

        /// <summary>A member of a service involved with the young person's consent to see identities.</summary>
        WithIdentities,

        /// <summary>A member of a service involved with a consent that does not cover identities.</summary>
        PseudonymsOnly,

        /// <summary>A member of a service that was involved until its consent was withdrawn.</summary>
        Withdrawn,

        /// <summary>A member of a service that was never involved.</summary>
        Uninvolved,

        /// <summary>A coordinator whose service is not involved.</summary>
        Coordinator,

        Administrator,
    }

    private enum Answer
    {
        Page,
        SignIn,
        Forbidden,
        NotFound,
    }

    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";
    private const string Passerelle = "la-passerelle";
    private const string Artem = "cpms-wbe-artem";
    private const string Icet = "cpms-provincial-icet";
    private const string Coordination = "egalite-des-chances";
    private const string Summary = "Résumé-matrice: moqueries au vestiaire";
    private const string FirstName = "Prénom-matrice";

    private static readonly Answer S = Answer.SignIn, P = Answer.Page, F = Answer.Forbidden, N = Answer.NotFound;

    // Route template → answer per visitor, in the order of the Visitor enum: anonymous, lead, with identities,
    // pseudonyms only, withdrawn, uninvolved, coordinator, administrator.
    private static readonly Dictionary<string, Answer[]> Pages = new()
    {
        ["pro/situations"] = [S, P, P, P, P, P, P, P],
        ["pro/situations/nouvelle"] = [S, P, P, P, P, P, P, F],
        ["pro/situations/{id:guid}"] = [S, P, P, P, N, N, P, N],
        ["pro/situations/{id:guid}/modifier"] = [S, P, N, N, N, N, N, N],
        ["pro/situations/{id:guid}/personnes/ajouter"] = [S, P, P, P, N, N, N, N],
        ["pro/situations/{id:guid}/personnes/{personId:guid}"] = [S, P, P, P, N, N, N, N],
        ["pro/situations/{id:guid}/relais"] = [S, P, P, P, N, N, N, N],
        ["pro/situations/{id:guid}/journal"] = [S, P, P, P, N, N, N, N],
        ["pro/situations/{id:guid}/documents"] = [S, P, P, P, N, N, N, N],
        ["pro/situations/{id:guid}/documents/{docId:guid}"] = [S, P, P, P, N, N, N, N],
        ["pro/situations/{id:guid}/historique"] = [S, P, N, N, N, N, N, N],
        ["pro/situations/{id:guid}/procedures"] = [S, P, P, P, N, N, N, N],
        ["pro/situations/{id:guid}/procedures/{checklistId:guid}/etapes/{stepId:guid}"] = [S, P, P, P, N, N, N, N],
        ["pro/relais"] = [S, P, P, P, P, P, P, P],
        // The referral that brought the mediation service in: part of the situation for the services involved in it
        // (only the service asked decides, while it waits), nothing for anyone else.
        ["pro/relais/{id:guid}"] = [S, P, P, P, N, N, N, N],
    };

    // Handlers that only the lead service may use, where the page itself is open to the services involved: the
    // situation's own say no more than "not found", the withdrawal of a consent listed on the page says "forbidden".
    private static readonly Dictionary<string, Answer[]> LeadOnlyHandlers = new()
    {
        ["pro/situations/{id:guid}?handler=Severity"] = [S, P, N, N, N, N, N, N],
        ["pro/situations/{id:guid}?handler=Close"] = [S, P, N, N, N, N, N, N],
        ["pro/situations/{id:guid}?handler=Reopen"] = [S, P, N, N, N, N, N, N],
        ["pro/situations/{id:guid}/relais?handler=Withdraw"] = [S, P, F, F, N, N, N, N],
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPageAndHandlerOfASituationAnswersEachVisitorAsNeedToKnowSays()
    {
        var (situation, referral) = await SituationWithEveryKindOfServiceAsync();
        var visitors = await SignInEveryoneAsync();
        var checklist = await app.StartChecklistAsync(situation, situation.Opener, "school");
        var version = await VersionAsync(situation.Id);
        var pages = (await ProPages.DiscoverAsync(app)).Where(p => p.Template.StartsWith("pro/situations", StringComparison.Ordinal) || p.Template.StartsWith("pro/relais", StringComparison.Ordinal)).ToList();
        Assert.Empty(pages.Select(p => p.Template).Except(Pages.Keys));
        var wrong = new List<string>();

        foreach (var (template, handlers) in pages)
        {
            var url = "/" + template
                .Replace("situations/{id:guid}", $"situations/{situation.Id}", StringComparison.Ordinal)
                .Replace("relais/{id:guid}", $"relais/{referral}", StringComparison.Ordinal)
                .Replace("{personId:guid}", situation.People[0].ToString(), StringComparison.Ordinal)
                .Replace("{docId:guid}", situation.Documents[0].ToString(), StringComparison.Ordinal)
                .Replace("{checklistId:guid}", checklist.Id.ToString(), StringComparison.Ordinal)
                .Replace("{stepId:guid}", checklist.Steps[0].Id.ToString(), StringComparison.Ordinal);
            foreach (var visitor in Enum.GetValues<Visitor>())
            {
                var expected = Pages[template][(int)visitor];
                using (var response = await visitors[visitor].Browser.GetAsync(new Uri(url, UriKind.Relative), Cancellation))
                {
                    Check(wrong, $"GET {url} as {visitor}", expected, response);
                }

                if (expected == Answer.Page)
                {
                    continue;
                }

                // Where the page is refused, each of its handlers is refused too, even with the visitor's own valid token.
                foreach (var handler in handlers)
                {
                    var target = handler.Length == 0 ? url : $"{url}?handler={handler}";
                    using var response = await visitors[visitor].Browser.PostRawAsync(target, new Dictionary<string, string> { ["__RequestVerificationToken"] = visitors[visitor].Token });
                    Check(wrong, $"POST {target} as {visitor}", expected, response);
                }
            }
        }

        foreach (var (target, answers) in LeadOnlyHandlers)
        {
            var url = "/" + target.Replace("{id:guid}", situation.Id.ToString(), StringComparison.Ordinal);
            foreach (var visitor in Enum.GetValues<Visitor>().Where(v => answers[(int)v] != Answer.Page))
            {
                using var response = await visitors[visitor].Browser.PostRawAsync(url, new Dictionary<string, string> { ["__RequestVerificationToken"] = visitors[visitor].Token });
                Check(wrong, $"POST {url} as {visitor}", answers[(int)visitor], response);
            }
        }

        Assert.True(wrong.Count == 0, "Answers that break need to know:\n" + string.Join('\n', wrong));
        Assert.Equal(version, await VersionAsync(situation.Id));
    }

    [Fact]
    public async Task TheSituationsPageShowsEachVisitorItsTierAndTheListShowsItToThoseWhoMaySeeIt()
    {
        var (situation, _) = await SituationWithEveryKindOfServiceAsync();
        var visitors = await SignInEveryoneAsync();
        var url = $"/pro/situations/{situation.Id}";

        foreach (var visitor in new[] { Visitor.Lead, Visitor.WithIdentities, Visitor.PseudonymsOnly })
        {
            var page = (await visitors[visitor].Browser.GetPageAsync(url)).Body!.TextContent;
            Assert.Contains(Summary, page, StringComparison.Ordinal);
            Assert.Contains(situation.Pseudonyms[0], page, StringComparison.Ordinal);
            Assert.Equal(visitor != Visitor.PseudonymsOnly, page.Contains(FirstName, StringComparison.Ordinal));
        }

        var metadata = (await visitors[Visitor.Coordinator].Browser.GetPageAsync(url)).Body!.TextContent;
        Assert.Contains(situation.Reference, metadata, StringComparison.Ordinal);
        Assert.DoesNotContain(Summary, metadata, StringComparison.Ordinal);
        Assert.DoesNotContain(situation.Pseudonyms[0], metadata, StringComparison.Ordinal);
        Assert.DoesNotContain(FirstName, metadata, StringComparison.Ordinal);

        foreach (var visitor in new[] { Visitor.Lead, Visitor.WithIdentities, Visitor.PseudonymsOnly, Visitor.Withdrawn, Visitor.Uninvolved, Visitor.Coordinator, Visitor.Administrator })
        {
            var list = (await visitors[visitor].Browser.GetPageAsync("/pro/situations")).Body!.TextContent;
            var listed = visitor is Visitor.Lead or Visitor.WithIdentities or Visitor.PseudonymsOnly or Visitor.Coordinator;
            Assert.True(listed == list.Contains(situation.Reference, StringComparison.Ordinal), $"{visitor} {(listed ? "does not find" : "finds")} the situation in the list");
            Assert.DoesNotContain(Summary, list, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A situation led by Le Déclic with a person whose identity is recorded, a document, the mediation service
    /// joined with a consent to identities, La Passerelle with a consent to pseudonyms only, and Artem, whose consent
    /// was withdrawn (as the lead service's withdrawal leaves it). Returns it with the mediation service's referral.
    /// </summary>
    private async Task<(TestSituation Situation, Guid MediationReferral)> SituationWithEveryKindOfServiceAsync()
    {
        var situation = await app.NewSituation(Declic)
            .Summary(Summary)
            .WithPerson("M.-X.", new PersonIdentity(FirstName, "Nom-matrice", null, null, null))
            .Joined(Mediation, identities: true)
            .Joined(Passerelle)
            .Joined(Artem)
            .Document(Declic, "capture.png", SampleFiles.Png("matrice"))
            .SaveAsync();
        var artem = await app.ServiceIdAsync(Artem);
        var mediation = await app.ServiceIdAsync(Mediation);
        var referral = await app.InDatabaseAsync(async db =>
        {
            var stored = await db.Situations.Include(s => s.Services).SingleAsync(s => s.Id == situation.Id, Cancellation);
            var consents = await db.Consents.Where(c => c.SituationId == situation.Id).ToListAsync(Cancellation);
            var referrals = await db.Referrals.Where(r => r.SituationId == situation.Id).ToListAsync(Cancellation);
            ConsentWithdrawal.Apply(stored, consents.Single(c => c.ServiceId == artem), consents, referrals, situation.OpenedBy, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Cancellation);
            return referrals.Single(r => r.ToServiceId == mediation).Id;
        });
        return (situation, referral);
    }

    private async Task<Dictionary<Visitor, (HttpClient Browser, string Token)>> SignInEveryoneAsync()
    {
        var anonymous = app.NewBrowser();
        var visitors = new Dictionary<Visitor, (HttpClient, string)>
        {
            [Visitor.Anonymous] = (anonymous, await anonymous.AntiforgeryTokenAsync("/pro/connexion")),
        };
        foreach (var (visitor, role, service) in new[]
        {
            (Visitor.Lead, ProRole.Member, Declic),
            (Visitor.WithIdentities, ProRole.Member, Mediation),
            (Visitor.PseudonymsOnly, ProRole.Member, Passerelle),
            (Visitor.Withdrawn, ProRole.Member, Artem),
            (Visitor.Uninvolved, ProRole.Member, Icet),
            (Visitor.Coordinator, ProRole.Coordinator, Coordination),
            (Visitor.Administrator, ProRole.Administrator, (string?)null),
        })
        {
            var (browser, _) = await app.SignInAsAsync(role, service);
            visitors[visitor] = (browser, await browser.AntiforgeryTokenAsync("/pro/compte"));
        }

        return visitors;
    }

    private Task<int> VersionAsync(Guid id) =>
        app.InDatabaseAsync(db => db.Situations.Where(s => s.Id == id).Select(s => s.Version).SingleAsync(Cancellation));

    private static void Check(List<string> wrong, string what, Answer expected, HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        Answer? actual = response.StatusCode switch
        {
            HttpStatusCode.OK => Answer.Page,
            HttpStatusCode.Forbidden => Answer.Forbidden,
            HttpStatusCode.NotFound => Answer.NotFound,
            HttpStatusCode.Redirect when location.Contains("/pro/connexion", StringComparison.Ordinal) => Answer.SignIn,
            _ => null,
        };
        if (actual != expected)
        {
            wrong.Add($"{what}: expected {expected}, got {(int)response.StatusCode} {location}");
        }
    }
}

public sealed class SituationAccessMatrixOnSqlite(SqliteCashApp app) : SituationAccessMatrixTests(app), IClassFixture<SqliteCashApp>;

public sealed class SituationAccessMatrixOnPostgres(PostgresCashApp app) : SituationAccessMatrixTests(app), IClassFixture<PostgresCashApp>;
