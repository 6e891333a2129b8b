using System.Net;
using System.Security.Cryptography;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.People;
using Cash.Web.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Someone who can write to the database but lacks the master key adds an invitation whose token
/// they chose, or raises the role of one they hold: neither link opens, so nobody becomes an
/// administrator that way.
/// </summary>
public abstract class ForgingAnInvitationInTheDatabaseTests(CashApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnInvitationInsertedWithATokenOfTheAttackersChoosingOpensNothing()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var (forged, _) = Invitation.Create($"intruder-{Guid.NewGuid():N}@example.be", ProRole.Administrator, null, null, DateTimeOffset.UtcNow);
        forged.SealToken(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        await app.InDatabaseAsync(async db =>
        {
            db.Invitations.Add(forged);
            await db.SaveChangesAsync(Cancellation);
        });

        using var visitor = app.NewBrowser();
        using var response = await visitor.GetAsync(new Uri($"/pro/invitation/{token}", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null((await response.ReadPageAsync()).QuerySelector("input[name='Password.NewPassword']"));
    }

    [Fact]
    public async Task AnInvitationWhoseRoleOrExpiryWasChangedInTheDatabaseOpensNothing()
    {
        var serviceId = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == "le-declic").Select(s => s.Id).SingleAsync(Cancellation));
        var (invitation, token) = app.Services.GetRequiredService<InvitationTokens>().Create($"member-{Guid.NewGuid():N}@example.be", ProRole.Member, serviceId, null, DateTimeOffset.UtcNow);
        await app.InDatabaseAsync(async db =>
        {
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync(Cancellation);
        });
        var link = new Uri($"/pro/invitation/{token}", UriKind.Relative);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(link));

        await SetAsync(invitation.Id, ProRole.Administrator, null, invitation.ExpiresAt);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(link));

        await SetAsync(invitation.Id, ProRole.Member, serviceId, invitation.ExpiresAt.AddDays(30));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(link));

        // Put back as it was, the link opens again: it is the change that closed it.
        await SetAsync(invitation.Id, ProRole.Member, serviceId, invitation.ExpiresAt);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(link));
    }

    private async Task<HttpStatusCode> StatusAsync(Uri link)
    {
        using var visitor = app.NewBrowser();
        using var response = await visitor.GetAsync(link, Cancellation);
        return response.StatusCode;
    }

    private Task<int> SetAsync(Guid id, ProRole role, int? serviceId, DateTimeOffset expiresAt) =>
        app.InDatabaseAsync(db => db.Invitations.Where(i => i.Id == id).ExecuteUpdateAsync(
            set => set.SetProperty(i => i.Role, role).SetProperty(i => i.PartnerServiceId, serviceId).SetProperty(i => i.ExpiresAt, expiresAt), Cancellation));
}

public sealed class ForgingAnInvitationInTheDatabaseOnSqlite(SqliteCashApp app) : ForgingAnInvitationInTheDatabaseTests(app), IClassFixture<SqliteCashApp>;

public sealed class ForgingAnInvitationInTheDatabaseOnPostgres(PostgresCashApp app) : ForgingAnInvitationInTheDatabaseTests(app), IClassFixture<PostgresCashApp>;
