using System.Security.Claims;
using Cash.Tests.Infrastructure;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// One access rule per record type (issue 8, point 2): for every role and every record, the list
/// query and the resource handler give the same answer, for every operation the rule knows — so a
/// list never shows a record whose page answers 404, and never hides one it would open.
/// </summary>
public abstract class AgreeingOnWhoSeesWhatTests(CashApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HelpRequestListsAndHandlerAgreeForEveryRoleAndRequest()
    {
        var (declic, passerelle) = (await ServiceIdAsync("le-declic"), await ServiceIdAsync("la-passerelle"));
        var now = DateTimeOffset.UtcNow;
        Guid[] ids =
        [
            await app.NewHelpRequest().To("le-declic").At(now).SaveAsync(),
            await app.NewHelpRequest().To("la-passerelle").At(now).SaveAsync(),
            await app.NewHelpRequest().At(now).SaveAsync(),
            await app.NewHelpRequest().To("la-passerelle").At(now.AddDays(-10)).Then(r => r.MarkEscalated(now)).SaveAsync(),
            await app.NewHelpRequest().To("le-declic").At(now).Then(r => r.Close(HelpOutcome.Answered, now)).SaveAsync(),
        ];
        var stored = await app.InDatabaseAsync(db => db.HelpRequests.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, Cancellation));
        HelpRequest[] requests = [.. ids.Select(id => stored[id])];
        var (toDeclic, toPasserelle, inTriage) = (requests[0], requests[1], requests[2]);

        OperationAuthorizationRequirement[] operations =
            [HelpRequestOperations.View, HelpRequestOperations.Answer, HelpRequestOperations.Forward, HelpRequestOperations.Close, HelpRequestOperations.Assign];
        var allowedSomewhere = await AgreeAsync(HelpRequestAccess.Rule, Viewers(declic, passerelle), requests, operations, db => db.HelpRequests);

        // The rule is not vacuous: the service's own member opens its request, the coordinator the triage, nobody the
        // other service's, and an administrator without a service nothing by role alone.
        Assert.Contains(("Member@" + declic, toDeclic.Id.ToString(), "View"), allowedSomewhere);
        Assert.Contains(("Coordinator@" + passerelle, inTriage.Id.ToString(), "Assign"), allowedSomewhere);
        Assert.DoesNotContain(("Member@" + declic, toPasserelle.Id.ToString(), "View"), allowedSomewhere);
        Assert.DoesNotContain(allowedSomewhere, a => a.Viewer == "Administrator@");
    }

    [Fact]
    public async Task ServiceListsAndHandlerAgreeForEveryRoleAndService()
    {
        var (declic, passerelle) = (await ServiceIdAsync("le-declic"), await ServiceIdAsync("la-passerelle"));
        var services = await app.InDatabaseAsync(db => db.PartnerServices.AsNoTracking().ToListAsync(Cancellation));

        var allowedSomewhere = await AgreeAsync(PartnerServiceAccess.Rule, Viewers(declic, passerelle), services, [CashOperations.View, CashOperations.Edit, CashOperations.Disable], db => db.PartnerServices);

        Assert.Contains(("Lead@" + declic, declic.ToString(System.Globalization.CultureInfo.InvariantCulture), "Edit"), allowedSomewhere);
        Assert.DoesNotContain(("Lead@" + declic, passerelle.ToString(System.Globalization.CultureInfo.InvariantCulture), "Edit"), allowedSomewhere);
    }

    [Fact]
    public async Task PeopleListsAndHandlerAgreeForEveryRoleAndPerson()
    {
        var (declic, passerelle) = (await ServiceIdAsync("le-declic"), await ServiceIdAsync("la-passerelle"));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Professional[] people =
        [
            new($"m-{suffix}@declic.test", "Member D", ProRole.Member, declic),
            new($"l-{suffix}@declic.test", "Lead D", ProRole.Lead, declic),
            new($"c-{suffix}@declic.test", "Coordinator D", ProRole.Coordinator, declic),
            new($"m-{suffix}@passerelle.test", "Member P", ProRole.Member, passerelle),
            new($"a-{suffix}@cash.test", "Admin", ProRole.Administrator, null),
        ];
        await app.InDatabaseAsync(async db =>
        {
            db.Users.AddRange(people);
            await db.SaveChangesAsync(Cancellation);
        });

        // The viewers include these very people, so "everyone sees themselves, nobody disables themselves" is covered.
        var viewers = Viewers(declic, passerelle).Concat(people.Select(p => ($"{p.Role}#{p.DisplayName}", Principal(p.Role, p.PartnerServiceId, p.Id)))).ToList();
        var allowedSomewhere = await AgreeAsync(ProfessionalAccess.Rule, viewers, people, [CashOperations.View, CashOperations.ChangeRole, CashOperations.Disable, CashOperations.ResetSecondFactor, CashOperations.Edit], db => db.Users);

        Assert.Contains(("Lead@" + declic, people[0].Id.ToString(), "Disable"), allowedSomewhere);
        Assert.Contains(("Lead@" + declic, people[0].Id.ToString(), "ResetSecondFactor"), allowedSomewhere);
        Assert.DoesNotContain(("Member#Member P", people[3].Id.ToString(), "ResetSecondFactor"), allowedSomewhere);
        Assert.DoesNotContain(("Lead@" + declic, people[3].Id.ToString(), "View"), allowedSomewhere);
        Assert.Contains(("Member#Member P", people[3].Id.ToString(), "View"), allowedSomewhere);
        Assert.DoesNotContain(("Administrator#Admin", people[4].Id.ToString(), "Disable"), allowedSomewhere);
    }

    [Fact]
    public async Task TaskListsAndHandlerAgreeForEveryRoleAndTask()
    {
        var (declic, passerelle) = (await ServiceIdAsync("le-declic"), await ServiceIdAsync("la-passerelle"));
        var declicMember = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        var passerelleMember = await app.CreateProfessionalAsync(ProRole.Member, "la-passerelle");
        var coordinator = await app.CreateProfessionalAsync(ProRole.Coordinator, "egalite-des-chances");
        // A task whose creator is recorded without a service (every coordinator has one today; the rule must not depend on it).
        var serviceless = coordinator with { PartnerServiceId = null };
        var situation = await app.NewSituation("le-declic").OpenedBy(declicMember).SaveAsync();
        Guid[] ids =
        [
            await app.AddTaskAsync("Appeler l'école", "le-declic", declicMember),
            await app.AddTaskAsync("Envoyer le compte rendu", "la-passerelle", declicMember),
            await app.AddTaskAsync("Préparer l'animation", "le-declic", declicMember, situation.Id),
            await app.AddTaskAsync("Rappeler la famille", "le-declic", passerelleMember, situation.Id),
            await app.AddTaskAsync("Faire le point", "le-declic", coordinator, situation.Id),
            await app.AddTaskAsync("Relancer la direction", "la-passerelle", serviceless),
        ];
        var stored = await app.InDatabaseAsync(db => db.WorkTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, Cancellation));
        Cash.Web.Domain.Tasks.WorkTask[] tasks = [.. ids.Select(id => stored[id])];
        var viewers = Viewers(declic, passerelle)
            .Concat([
                ("creator-coordinator", Principal(ProRole.Coordinator, coordinator.PartnerServiceId, coordinator.Id)),
                ("serviceless-creator", Principal(ProRole.Coordinator, null, serviceless.Id)),
                ("other-serviceless", Principal(ProRole.Coordinator, null, Guid.NewGuid())),
            ])
            .ToList();

        var allowedSomewhere = await AgreeAsync(TaskAccess.Rule, viewers, tasks, [TaskOperations.ViewMetadata, TaskOperations.View, TaskOperations.Change], db => db.WorkTasks);

        // Its service reads and changes it; the creator's service too; a service not involved in the situation sees that
        // the task exists, not its title; the coordinator who created one likewise; an administrator nothing.
        Assert.Contains(("Member@" + declic, ids[0].ToString(), "Change"), allowedSomewhere);
        Assert.DoesNotContain(("Member@" + passerelle, ids[0].ToString(), "ViewMetadata"), allowedSomewhere);
        Assert.Contains(("Member@" + passerelle, ids[1].ToString(), "View"), allowedSomewhere);
        Assert.Contains(("Lead@" + declic, ids[1].ToString(), "Change"), allowedSomewhere);
        Assert.Contains(("Member@" + declic, ids[2].ToString(), "View"), allowedSomewhere);
        Assert.Contains(("Member@" + passerelle, ids[3].ToString(), "ViewMetadata"), allowedSomewhere);
        Assert.DoesNotContain(("Member@" + passerelle, ids[3].ToString(), "View"), allowedSomewhere);
        Assert.DoesNotContain(("Member@" + passerelle, ids[3].ToString(), "Change"), allowedSomewhere);
        Assert.Contains(("creator-coordinator", ids[4].ToString(), "ViewMetadata"), allowedSomewhere);
        Assert.DoesNotContain(("creator-coordinator", ids[4].ToString(), "View"), allowedSomewhere);
        Assert.DoesNotContain(("Coordinator@" + passerelle, ids[4].ToString(), "ViewMetadata"), allowedSomewhere);

        // A coordinator without a service is matched by their own id, never by "no service" (which every such coordinator shares).
        Assert.Contains(("serviceless-creator", ids[5].ToString(), "Change"), allowedSomewhere);
        Assert.DoesNotContain(allowedSomewhere, a => a.Viewer == "other-serviceless");
        Assert.DoesNotContain(allowedSomewhere, a => a.Viewer.StartsWith("Administrator@", StringComparison.Ordinal) || a.Viewer == "nobody");
    }

    [Fact]
    public async Task MeetingListsAndHandlerAgreeForEveryRoleAndMeeting()
    {
        var (declic, passerelle) = (await ServiceIdAsync("le-declic"), await ServiceIdAsync("la-passerelle"));
        Guid[] ids =
        [
            await app.AddMeetingAsync("Accord", DateTimeOffset.UtcNow.AddDays(1), "le-declic"),
            await app.AddMeetingAsync("Accord", DateTimeOffset.UtcNow.AddDays(1), "le-declic", "la-passerelle"),
            await app.AddMeetingAsync("Accord", DateTimeOffset.UtcNow.AddDays(-1), "mediation-scolaire"),
        ];
        var meetings = await app.InDatabaseAsync(db => db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(Cancellation));

        var allowedSomewhere = await AgreeAsync(MeetingAccess.Rule, Viewers(declic, passerelle), meetings, [MeetingOperations.View, MeetingOperations.Contribute, MeetingOperations.Run], db => db.Meetings);

        var (declicOnly, both, elsewhere) = (ids[0].ToString(), ids[1].ToString(), ids[2].ToString());
        Assert.Contains(("Member@" + declic, declicOnly, "View"), allowedSomewhere);
        Assert.Contains(("Member@" + passerelle, both, "Contribute"), allowedSomewhere);
        Assert.DoesNotContain(("Lead@" + passerelle, declicOnly, "View"), allowedSomewhere);
        Assert.DoesNotContain(("Lead@" + declic, declicOnly, "Run"), allowedSomewhere);
        Assert.Contains(("Coordinator@" + passerelle, elsewhere, "Run"), allowedSomewhere);
        Assert.DoesNotContain(allowedSomewhere, a => a.Viewer == "Administrator@");
        Assert.DoesNotContain(allowedSomewhere, a => a.Viewer == "nobody");
    }

    /// <summary>
    /// For each viewer, operation and record: the handler's answer equals "the list allowing that
    /// operation contains the record". Returns every (viewer, record, operation) that is allowed.
    /// </summary>
    private async Task<HashSet<(string Viewer, string Record, string Operation)>> AgreeAsync<TRecord>(
        AccessRule<TRecord> rule,
        IEnumerable<(string Name, ClaimsPrincipal User)> viewers,
        IReadOnlyList<TRecord> records,
        IReadOnlyList<OperationAuthorizationRequirement> operations,
        Func<CashDbContext, IQueryable<TRecord>> set)
        where TRecord : class
    {
        var allowed = new HashSet<(string, string, string)>();
        var disagreements = new List<string>();
        foreach (var (name, user) in viewers)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
            var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
            foreach (var operation in operations)
            {
                var listed = (await set(db).AsNoTracking().Allowing(rule, user, operation).ToListAsync(Cancellation)).Select(KeyOf).ToHashSet();
                foreach (var record in records)
                {
                    var key = KeyOf(record);
                    var byHandler = (await authorization.AuthorizeAsync(user, record, operation)).Succeeded;
                    if (byHandler != listed.Contains(key))
                    {
                        disagreements.Add($"{name} {operation.Name} {typeof(TRecord).Name} {key}: handler {byHandler}, list {listed.Contains(key)}");
                    }

                    if (byHandler)
                    {
                        allowed.Add((name, key, operation.Name));
                    }
                }
            }

            string KeyOf(TRecord record) => db.Entry(record).Property(db.Model.FindEntityType(typeof(TRecord))!.FindPrimaryKey()!.Properties[0].Name).CurrentValue!.ToString()!;
        }

        Assert.Empty(disagreements);
        return allowed;
    }

    /// <summary>Every role, in the two services the records belong to and without a service, and someone signed out.</summary>
    private static IEnumerable<(string Name, ClaimsPrincipal User)> Viewers(int serviceA, int serviceB)
    {
        foreach (var role in Enum.GetValues<ProRole>())
        {
            foreach (var service in new int?[] { serviceA, serviceB, null })
            {
                yield return ($"{role}@{service}", Principal(role, service, Guid.NewGuid()));
            }
        }

        yield return ("nobody", new ClaimsPrincipal(new ClaimsIdentity()));
    }

    private static ClaimsPrincipal Principal(ProRole role, int? service, Guid id)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id.ToString()), new(ClaimTypes.Role, role.ToString()) };
        if (service is { } s)
        {
            claims.Add(new Claim(CashClaims.Service, s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private Task<int> ServiceIdAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation));
}

public sealed class AgreeingOnWhoSeesWhatOnSqlite(SqliteCashApp app) : AgreeingOnWhoSeesWhatTests(app), IClassFixture<SqliteCashApp>;

public sealed class AgreeingOnWhoSeesWhatOnPostgres(PostgresCashApp app) : AgreeingOnWhoSeesWhatTests(app), IClassFixture<PostgresCashApp>;
