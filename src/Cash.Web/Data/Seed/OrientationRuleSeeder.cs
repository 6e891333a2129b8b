using System.Text.Json;
using System.Text.Json.Serialization;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Orientation;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Data.Seed;

/// <summary>
/// Puts the first orientation rules (<c>orientation-rules.json</c>, drawn from the leaflet) into
/// the database, only while the table is empty: from then on the rules belong to the coordinator,
/// and a restart never brings back a rule they changed or switched off.
/// </summary>
public sealed class OrientationRuleSeeder(CashDbContext db)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<int> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.OrientationRules.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var services = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id, cancellationToken);
        var rules = LoadRules()
            .Where(seed => services.ContainsKey(seed.Service))
            .Select(seed => seed.ToEntity(services[seed.Service]))
            .ToList();
        db.OrientationRules.AddRange(rules);
        await db.SaveChangesAsync(cancellationToken);
        return rules.Count;
    }

    internal static IReadOnlyList<SeedRule> LoadRules()
    {
        using var stream = typeof(OrientationRuleSeeder).Assembly.GetManifestResourceStream("Cash.Web.Data.Seed.orientation-rules.json")
            ?? throw new InvalidOperationException("The embedded orientation rules are missing.");
        return JsonSerializer.Deserialize<List<SeedRule>>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The embedded orientation rules are empty.");
    }

    internal sealed record SeedRule(
        string Service,
        SenderRole[] ForRoles,
        BullyingForm[] WhenForms,
        HelpWish[] WhenWishes,
        bool? WhenOnline,
        int Weight,
        Dictionary<string, string> Reason)
    {
        public OrientationRule ToEntity(int serviceId) => new(serviceId, Weight)
        {
            ForRoles = [.. ForRoles],
            WhenForms = WhenForms.Aggregate(BullyingForm.None, (all, f) => all | f),
            WhenWishes = WhenWishes.Aggregate(HelpWish.None, (all, w) => all | w),
            WhenOnline = WhenOnline,
            ReasonFr = Reason.GetValueOrDefault("fr", ""),
            ReasonNl = Reason.GetValueOrDefault("nl", ""),
            ReasonEn = Reason.GetValueOrDefault("en", ""),
        };
    }
}
