using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// The role × page matrix (ASVS 4.1, 4.2): every page of the professionals' space, found in the
/// app's own endpoint data, is visited by an anonymous visitor, each role, and a lead of another
/// service, and must answer exactly as its rule below says. A new page without a rule fails the
/// first test; every POST handler a person may not use must refuse them as its page does.
/// </summary>
public abstract class WalkingEveryProPageByRoleTests(CashApp app)
{
    /// <summary>Who visits: roles of AMO « Le Déclic », a coordinator elsewhere, and a lead of another service.</summary>
    public enum Visitor
    {
        Anonymous,
        Member,
        Lead,
        Coordinator,
        Administrator,
        LeadOfAnotherService,
    }

    /// <summary>What a visitor gets: the page, the sign-in door, a refusal, or nothing at all.</summary>
    public enum Answer
    {
        Page,
        SignIn,
        Forbidden,
        NotFound,

        /// <summary>Sent back to the first sign-in step (the second step without a first).</summary>
        SignInFirstStep,
    }

    private const string DeclicService = "le-declic";
    private const string OtherService = "la-passerelle";

    // Route template → answer per visitor, in the order of the Visitor enum.
    private static readonly Dictionary<string, Answer[]> Rules = new()
    {
        ["pro"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/compte"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/confirmer"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/connexion"] = Everyone(Answer.Page),
        ["pro/connexion/code"] = Everyone(Answer.SignInFirstStep),
        ["pro/connexion/recuperation"] = Everyone(Answer.SignInFirstStep),
        ["pro/connexion/oubli"] = Everyone(Answer.Page),
        ["pro/connexion/nouveau-mot-de-passe/{token?}"] = Everyone(Answer.NotFound),
        ["pro/nouvel-appareil/{token?}"] = Everyone(Answer.NotFound),
        ["pro/deconnexion"] = [Answer.SignInFirstStep, Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page],
        ["pro/invitation/{token?}"] = Everyone(Answer.NotFound),
        ["pro/admin/services"] = Signed(Answer.Forbidden, Answer.Page, Answer.Forbidden, Answer.Page, Answer.Page),
        ["pro/admin/services/{id:int}"] = Signed(Answer.Forbidden, Answer.Page, Answer.Forbidden, Answer.Page, Answer.NotFound),
        ["pro/admin/personnes"] = Signed(Answer.Forbidden, Answer.Page, Answer.Forbidden, Answer.Page, Answer.Page),
        ["pro/admin/personnes/inviter"] = Signed(Answer.Forbidden, Answer.Page, Answer.Forbidden, Answer.Page, Answer.Page),
        ["pro/admin/personnes/{id:guid}"] = Signed(Answer.Forbidden, Answer.Page, Answer.Forbidden, Answer.Page, Answer.NotFound),
        ["pro/admin/journal"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Forbidden),
        ["pro/admin/ecoles"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Forbidden),
        ["pro/admin/ecoles/nouvelle"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Forbidden),
        ["pro/admin/ecoles/importer"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Forbidden),
        ["pro/admin/ecoles/modele.csv"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Forbidden),

        // {id:int} is Le Déclic's id, and no school has it: the administrator's 404 says the school does not exist.
        ["pro/admin/ecoles/{id:int}"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.NotFound, Answer.Forbidden),
        ["pro/demandes"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/demandes/{id:guid}"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),
        ["pro/orientation"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Page, Answer.Forbidden),
        ["pro/orientation/regle"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Page, Answer.Forbidden),

        // A task of Le Déclic created by one of its members: its service sees it, nobody else; an administrator has no task list.
        ["pro/taches"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/taches/nouvelle"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.NotFound, Answer.Page),
        ["pro/taches/{id:guid}"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),

        // A situation led by Le Déclic: the coordinator (of another service) sees its metadata, the administrator and
        // the other service nothing; only a member of a service opens one.
        ["pro/situations"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/situations/nouvelle"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Forbidden, Answer.Page),
        ["pro/situations/{id:guid}"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound),
        ["pro/situations/{id:guid}/modifier"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),
        ["pro/situations/{id:guid}/personnes/ajouter"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),
        ["pro/situations/{id:guid}/personnes/{personId:guid}"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),
        // A situation led by Le Déclic, and its referral waiting for La Passerelle's decision.
        ["pro/situations/{id:guid}/relais"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),
        ["pro/relais"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/relais/{id:guid}"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.Page),
        ["pro/situations/{id:guid}/journal"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),
        ["pro/situations/{id:guid}/documents"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),
        ["pro/situations/{id:guid}/documents/{docId:guid}"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),
        ["pro/situations/{id:guid}/historique"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),

        // A meeting Le Déclic is invited to: its members see it, the coordinators run it, nobody else finds it.
        ["pro/compte/agenda"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/reunions"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/reunions/nouvelle"] = Signed(Answer.NotFound, Answer.NotFound, Answer.Page, Answer.NotFound, Answer.NotFound),
        ["pro/reunions/{id:guid}"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound),
        ["pro/reunions/{id:guid}/modifier"] = Signed(Answer.NotFound, Answer.NotFound, Answer.Page, Answer.NotFound, Answer.NotFound),
        ["pro/reunions/{id:guid}/compte-rendu"] = Signed(Answer.NotFound, Answer.NotFound, Answer.Page, Answer.NotFound, Answer.NotFound),
        ["pro/reunions/{id:guid}/annuler"] = Signed(Answer.NotFound, Answer.NotFound, Answer.Page, Answer.NotFound, Answer.NotFound),
        // An intervention organised by Le Déclic, on no situation: a coordinator sees it, only its organiser changes it.
        ["pro/interventions"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/interventions/nouvelle"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Forbidden, Answer.Page),
        ["pro/interventions/{id:guid}"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound),
        ["pro/interventions/{id:guid}/modifier"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),
        ["pro/interventions/{id:guid}/rapport"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),
        // A prevention action run by Le Déclic: every professional reads it; its service and the coordinators change it.
        ["pro/prevention"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/prevention/nouvelle"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Forbidden, Answer.Page),
        ["pro/prevention/couverture"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/prevention/{id:guid}"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/prevention/{id:guid}/modifier"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound),

        // The tools library: every professional reads it; a kit of Le Déclic is edited by its service and the coordinators.
        ["pro/outils"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/outils/nouveau"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Forbidden, Answer.Page),
        ["pro/outils/{id:guid}"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        ["pro/outils/{id:guid}/modifier"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound),
        ["pro/outils/{id:guid}/fichiers"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound),
        ["pro/outils/{id:guid}/fichiers/{fileId:guid}"] = Signed(Answer.Page, Answer.Page, Answer.Page, Answer.Page, Answer.Page),
        // A checklist on that situation; a coordinator not involved finds no checklist (content, not metadata).
        ["pro/situations/{id:guid}/procedures"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),
        ["pro/situations/{id:guid}/procedures/{checklistId:guid}/etapes/{stepId:guid}"] = Signed(Answer.Page, Answer.Page, Answer.NotFound, Answer.NotFound, Answer.NotFound),

        // The procedures' templates are the coordinators' (the parents' one has a draft in progress).
        ["pro/procedures"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Forbidden, Answer.Forbidden),
        ["pro/procedures/{key}"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Forbidden, Answer.Forbidden),
        ["pro/procedures/{key}/brouillon"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Forbidden, Answer.Forbidden),
        ["pro/procedures/{key}/brouillon/etape/{stepKey:guid?}"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Forbidden, Answer.Forbidden),

        // The texts of the printed resources are the coordinators'.
        ["pro/publications"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Forbidden, Answer.Forbidden),
        ["pro/publications/{slug}/{language}"] = Signed(Answer.Forbidden, Answer.Forbidden, Answer.Page, Answer.Forbidden, Answer.Forbidden),
    };

    [Fact]
    public async Task EveryProPageHasARule()
    {
        var discovered = (await ProPagesAsync()).Select(p => p.Template).ToHashSet();

        Assert.Empty(discovered.Except(Rules.Keys));
        Assert.Empty(Rules.Keys.Except(discovered));
    }

    [Fact]
    public async Task EveryProPageAndHandlerAnswersEachVisitorAsItsRuleSays()
    {
        var visitors = await SignInEveryoneAsync();
        var addresses = await AddressesAsync();
        var pages = await ProPagesAsync();
        var wrong = new List<string>();

        foreach (var (template, handlers) in pages)
        {
            var url = Fill(template, addresses);
            foreach (var visitor in Enum.GetValues<Visitor>())
            {
                var expected = Rules[template][(int)visitor];
                using (var response = await visitors[visitor].Browser.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken))
                {
                    Check(wrong, $"GET {url} as {visitor}", expected, response);
                }

                // A handler is a door of its own: where the page refuses someone, each POST handler must refuse them too,
                // even with a valid antiforgery token of theirs.
                if (expected is Answer.SignIn or Answer.Forbidden or Answer.NotFound)
                {
                    foreach (var handler in handlers)
                    {
                        var target = handler.Length == 0 ? url : $"{url}?handler={handler}";
                        using var response = await visitors[visitor].Browser.PostRawAsync(target, new Dictionary<string, string>
                        {
                            ["__RequestVerificationToken"] = visitors[visitor].Token,
                        });
                        Check(wrong, $"POST {target} as {visitor}", expected, response);
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, "Answers that break the matrix:\n" + string.Join('\n', wrong));
    }

    private static void Check(List<string> wrong, string what, Answer expected, HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        var actual = response.StatusCode switch
        {
            HttpStatusCode.OK => Answer.Page,
            HttpStatusCode.Forbidden => Answer.Forbidden,
            HttpStatusCode.NotFound => Answer.NotFound,
            // The challenge sends to the sign-in page with the address to come back to.
            HttpStatusCode.Redirect when location.Contains("/pro/connexion?retour=", StringComparison.Ordinal) => Answer.SignIn,
            HttpStatusCode.Redirect when location.StartsWith("/pro/connexion", StringComparison.Ordinal) => Answer.SignInFirstStep,
            _ => (Answer?)null,
        };
        if (actual != expected)
        {
            wrong.Add($"{what}: expected {expected}, got {(int)response.StatusCode} {location}");
        }
    }

    private static Answer[] Signed(Answer member, Answer lead, Answer coordinator, Answer administrator, Answer leadOfAnotherService) =>
        [Answer.SignIn, member, lead, coordinator, administrator, leadOfAnotherService];

    private static Answer[] Everyone(Answer answer) => [.. Enumerable.Repeat(answer, Enum.GetValues<Visitor>().Length)];

    private static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var url = "/" + template;
        foreach (var (parameter, value) in values)
        {
            url = url.Replace(parameter, value, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{", url, StringComparison.Ordinal);
        return url;
    }

    /// <summary>Values for route parameters: Le Déclic's id, the id of the Le Déclic member, of a request to Le Déclic, of a situation it leads, its person, its document and its referral to La Passerelle.</summary>
    private async Task<IReadOnlyDictionary<string, string>> AddressesAsync()
    {
        var declic = await app.InDatabaseAsync(db => Task.FromResult(db.PartnerServices.Single(s => s.Slug == DeclicService).Id));
        var member = await app.CreateProfessionalAsync(ProRole.Member, DeclicService);
        var request = await app.NewHelpRequest().To(DeclicService).Text("Matrice").SaveAsync();
        var situation = await app.NewSituation(DeclicService).WithPeople("Matrice").Document(DeclicService, "capture.png", SampleFiles.Png("Matrice")).SaveAsync();
        var intervention = await app.NewIntervention(DeclicService).SaveAsync();
        var referral = await app.AddReferralAsync(situation, OtherService, await app.AddConsentAsync(situation, OtherService, Cash.Web.Domain.Situations.ConsentScope.JoinSituation), "Matrice");
        var meeting = await app.AddMeetingAsync("Matrice", DateTimeOffset.UtcNow.AddDays(1), DeclicService);
        var checklist = await app.StartChecklistAsync(situation, member, "school");
        await app.DraftProcedureAsync("parents");
        var tool = await AddKitAsync(declic, member.Id);
        return new Dictionary<string, string>
        {
            // Before the generic {id:guid}: replacements run in this order.
            ["demandes/{id:guid}"] = $"demandes/{request}",
            ["situations/{id:guid}"] = $"situations/{situation.Id}",
            ["taches/{id:guid}"] = $"taches/{await app.AddTaskAsync("Matrice", DeclicService, member)}",
            ["interventions/{id:guid}"] = $"interventions/{intervention.Id}",
            ["prevention/{id:guid}"] = $"prevention/{(await app.NewPreventionAction(DeclicService).SaveAsync()).Id}",
            ["outils/{id:guid}"] = $"outils/{tool.Id}",
            ["{fileId:guid}"] = tool.FileId.ToString(),
            ["{personId:guid}"] = situation.People[0].ToString(),
            ["relais/{id:guid}"] = $"relais/{referral}",
            ["reunions/{id:guid}"] = $"reunions/{meeting}",
            ["{id:int}"] = declic.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{id:guid}"] = member.Id.ToString(),
            ["{docId:guid}"] = situation.Documents[0].ToString(),
            ["{checklistId:guid}"] = checklist.Id.ToString(),
            ["{stepId:guid}"] = checklist.Steps[0].Id.ToString(),
            ["{key}"] = "parents",
            ["{slug}/{language}"] = "affiche/nl",
            ["/{stepKey:guid?}"] = "",
            ["/{token?}"] = "",
        };
    }

    /// <summary>A kit of Le Déclic with one file.</summary>
    private async Task<(Guid Id, Guid FileId)> AddKitAsync(int declic, Guid member)
    {
        var at = DateTimeOffset.UtcNow;
        var tool = new Cash.Web.Domain.Tools.Tool(Guid.CreateVersion7(), declic, member, at);
        tool.Describe("Matrice", Cash.Web.Domain.Tools.ToolKind.Game, "Un **jeu**.", Cash.Web.Domain.Tools.ToolAudience.Pupils, 10, 12, null, isKit: true, at);
        var bytes = SampleFiles.Pdf("Matrice");
        var fileId = Guid.CreateVersion7();
        var sealedBytes = await app.Services.GetRequiredService<Cash.Web.Security.Encryption.FieldCipher>()
            .EncryptBytesAsync(bytes, Cash.Web.Tools.ToolColumns.FileContent(fileId, tool.Id), TestContext.Current.CancellationToken);
        var file = new Cash.Web.Domain.Tools.ToolFile(fileId, tool.Id, "Livret", "livret.pdf", Cash.Web.Domain.Tools.ToolFileType.Pdf, bytes.Length, sealedBytes, declic, member, at);
        await app.InDatabaseAsync(async db =>
        {
            db.Tools.Add(tool);
            db.ToolFiles.Add(file);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return (tool.Id, file.Id);
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
            (Visitor.Member, ProRole.Member, DeclicService),
            (Visitor.Lead, ProRole.Lead, DeclicService),
            (Visitor.Coordinator, ProRole.Coordinator, "egalite-des-chances"),
            (Visitor.Administrator, ProRole.Administrator, null),
            (Visitor.LeadOfAnotherService, ProRole.Lead, OtherService),
        })
        {
            var (browser, _) = await app.SignInAsAsync(role, service);
            visitors[visitor] = (browser, await browser.AntiforgeryTokenAsync("/pro/compte"));
        }

        return visitors;
    }

    private async Task<List<(string Template, string[] PostHandlers)>> ProPagesAsync()
    {
        var pages = await ProPages.DiscoverAsync(app);
        Assert.NotEmpty(pages);
        return pages;
    }
}

public sealed class WalkingEveryProPageByRoleOnSqlite(SqliteCashApp app) : WalkingEveryProPageByRoleTests(app), IClassFixture<SqliteCashApp>;

public sealed class WalkingEveryProPageByRoleOnPostgres(PostgresCashApp app) : WalkingEveryProPageByRoleTests(app), IClassFixture<PostgresCashApp>;
