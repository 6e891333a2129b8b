using System.Globalization;
using System.Security.Cryptography;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Schools;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cash.Bench.SituationSeed;

/// <summary>
/// What situations hang on, made through the app's own services (so it is audited like the rest):
/// 50 schools, one professional per partner service (the leaflet's 10, seeded by the app), and the
/// account the benchmark signs in with.
/// </summary>
public static class BenchSetup
{
    public const int SchoolCount = 50;
    public const string EmailDomain = "bench.cash.invalid";

    /// <summary>How often each service of the leaflet leads or joins a situation; a service not listed counts 5.</summary>
    private static readonly Dictionary<string, double> Weights = new()
    {
        ["le-declic"] = 18, ["la-passerelle"] = 14, ["mediation-scolaire"] = 10, ["police-pole-psycho-social"] = 6,
        ["egalite-des-chances"] = 4, ["cpms-libre-mouscron-1"] = 10, ["cpms-libre-mouscron-2"] = 10,
        ["cpms-provincial-icet"] = 10, ["cpms-wbe-artem"] = 10, ["cpms-specialise-tremplin"] = 8,
    };

    private static readonly string[] Places =
    [
        "Mouscron centre", "Herseaux", "Dottignies", "Luingne", "Le Risquons-Tout", "Nouveau-Monde", "Tuquet",
        "Bizet", "Coquinie", "Mont-à-Leux", "Gaisse", "Les Ballons", "Station", "Chapelle", "Petit-Tourcoing",
        "Blanc-Pignon", "Haut-Vinage",
    ];

    private static readonly (string Kind, SchoolNetwork Network, string Pms)[] Kinds =
    [
        ("École communale", SchoolNetwork.Communal, "cpms-provincial-icet"),
        ("École fondamentale libre", SchoolNetwork.Libre, "cpms-libre-mouscron-1"),
        ("Institut libre", SchoolNetwork.Libre, "cpms-libre-mouscron-2"),
        ("Athénée royal", SchoolNetwork.Wbe, "cpms-wbe-artem"),
        ("Institut provincial", SchoolNetwork.Provincial, "cpms-provincial-icet"),
        ("École d'enseignement spécialisé", SchoolNetwork.Specialised, "cpms-specialise-tremplin"),
    ];

    /// <summary>
    /// The schools, services and their members, adding what is missing; the first schools of the
    /// list are those situations happen at most often.
    /// </summary>
    public static async Task<BenchDirectory> PrepareAsync(IServiceProvider services, string viewerServiceSlug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<CashDbContext>();
        var users = services.GetRequiredService<UserManager<Professional>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var partners = await db.PartnerServices.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Slug }).ToListAsync(cancellationToken);
        var viewer = partners.SingleOrDefault(s => s.Slug == viewerServiceSlug)
            ?? throw new InvalidOperationException($"No partner service '{viewerServiceSlug}'; the app's seed has: {string.Join(", ", partners.Select(s => s.Slug))}.");

        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        if (schools.Count < SchoolCount)
        {
            var pms = partners.ToDictionary(s => s.Slug, s => s.Id);
            for (var i = schools.Count; i < SchoolCount; i++)
            {
                var (kind, network, centre) = Kinds[i % Kinds.Length];
                var place = Places[i % Places.Length];
                var name = i < Places.Length * Kinds.Length / 2 ? $"{kind} de {place}" : $"{kind} de {place} {(i / Places.Length) + 1}";
                db.Schools.Add(new School(name, network, pms.TryGetValue(centre, out var id) ? id : null));
            }

            await db.SaveChangesAsync(cancellationToken);
            schools = await db.Schools.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        }

        var members = new Dictionary<int, Guid>();
        foreach (var service in partners)
        {
            var email = MemberEmail(service.Slug);
            var person = await users.FindByEmailAsync(email);
            if (person is null)
            {
                person = new Professional(email, $"Banc d'essai {service.Slug}", ProRole.Member, service.Id) { CreatedAt = now, UpdatedAt = now };
                Check(await users.CreateAsync(person), email);
            }

            members[service.Id] = person.Id;
        }

        return new BenchDirectory(
            [.. partners.Select(s => (s.Id, Weights.GetValueOrDefault(s.Slug, 5)))],
            members,
            [.. schools.Take(SchoolCount)],
            viewer.Id);
    }

    public static string MemberEmail(string serviceSlug) => $"banc.{serviceSlug}@{EmailDomain}";

    /// <summary>
    /// Gives the member of <paramref name="serviceSlug"/> a new password and authenticator key and
    /// turns two-factor on, as an accepted invitation leaves an account: what the benchmark signs in with.
    /// </summary>
    public static async Task<BenchAccount> ResetSignInAsync(IServiceProvider services, string serviceSlug)
    {
        ArgumentNullException.ThrowIfNull(services);
        var users = services.GetRequiredService<UserManager<Professional>>();
        var email = MemberEmail(serviceSlug);
        var person = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No bench member {email}: prepare the directory first.");
        var password = "banc d'essai " + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        if (await users.HasPasswordAsync(person))
        {
            Check(await users.RemovePasswordAsync(person), email);
        }

        Check(await users.AddPasswordAsync(person, password), email);
        Check(await users.ResetAuthenticatorKeyAsync(person), email);
        var key = await users.GetAuthenticatorKeyAsync(person) ?? throw new InvalidOperationException("No authenticator key.");
        Check(await users.SetTwoFactorEnabledAsync(person, true), email);
        return new BenchAccount(email, password, key);
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The bench account {email} could not be prepared: {string.Join(" ", result.Errors.Select(e => e.Code))}");
        }
    }
}

/// <summary>How the benchmark signs in: e-mail address, password, and the authenticator's key (base32).</summary>
public sealed record BenchAccount(string Email, string Password, string AuthenticatorKey)
{
    /// <summary>Shell assignments the benchmark script sources, with what it measures.</summary>
    public string ToShell(int serviceId, int schoolId, Guid situationId) => string.Create(CultureInfo.InvariantCulture, $"""
        BENCH_EMAIL='{Email}'
        BENCH_PASSWORD='{Password.Replace("'", "'\\''", StringComparison.Ordinal)}'
        BENCH_TOTP_KEY='{AuthenticatorKey}'
        BENCH_SERVICE_ID={serviceId}
        BENCH_SCHOOL_ID={schoolId}
        BENCH_SITUATION_ID={situationId}

        """);
}
