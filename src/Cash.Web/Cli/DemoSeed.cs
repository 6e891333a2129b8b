using Cash.Web.Data;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Cli;

/// <summary>
/// <c>seed demo</c>, Development only: one account per role with a known password and a known
/// TOTP secret, so a developer can sign in at once (codes: <c>oathtool --totp -b SECRET</c>).
/// </summary>
internal static class DemoSeed
{
    public const string Password = "demo cash mouscron 2026";

    /// <summary>Base32; every demo account shares it. Never use outside a developer's machine.</summary>
    public const string TotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public static readonly IReadOnlyList<(string Email, string Name, ProRole Role, string? Service)> Accounts =
    [
        ("admin@demo.cash.invalid", "Alex Admin", ProRole.Administrator, null),
        ("coordination@demo.cash.invalid", "Camille Coordination", ProRole.Coordinator, "egalite-des-chances"),
        ("responsable.declic@demo.cash.invalid", "Lou Responsable", ProRole.Lead, "le-declic"),
        ("membre.declic@demo.cash.invalid", "Sam Membre", ProRole.Member, "le-declic"),
    ];

    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<CashDbContext>();
        var users = services.GetRequiredService<UserManager<Professional>>();
        var keys = (IUserAuthenticatorKeyStore<Professional>)services.GetRequiredService<IUserStore<Professional>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        await Console.Out.WriteLineAsync("Demo accounts (Development only):");
        foreach (var (email, name, role, slug) in Accounts)
        {
            var serviceId = slug is null ? null : await db.PartnerServices.Where(s => s.Slug == slug).Select(s => (int?)s.Id).SingleAsync(cancellationToken);
            var person = await users.FindByEmailAsync(email);
            if (person is null)
            {
                person = new Professional(email, name, role, serviceId) { CreatedAt = now, UpdatedAt = now };
                Check(await users.CreateAsync(person, Password), email);
            }

            await keys.SetAuthenticatorKeyAsync(person, TotpSecret, cancellationToken);
            Check(await users.UpdateAsync(person), email);
            Check(await users.SetTwoFactorEnabledAsync(person, true), email);
            await Console.Out.WriteLineAsync($"  {role,-13} {email}{(slug is null ? "" : $" ({slug})")}");
        }

        await Console.Out.WriteLineAsync($"""

            Password for all: {Password}
            TOTP secret for all: {TotpSecret}
            Sign in at /pro/connexion; for the 6-digit code run: oathtool --totp -b {TotpSecret}
            """);
        return 0;
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The demo account {email} could not be prepared: {string.Join(" ", result.Errors.Select(e => e.Code))}");
        }
    }
}
