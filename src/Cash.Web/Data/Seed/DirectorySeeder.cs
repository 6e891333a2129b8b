using System.Text.Json;
using System.Text.Json.Serialization;
using Cash.Web.Domain.Directory;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Data.Seed;

/// <summary>
/// Puts the leaflet's directory (<c>directory.json</c>) into the database. Idempotent: a service
/// already present (by slug) is left exactly as it is, so later edits are never overwritten; only
/// what is missing — a whole service, or one of its languages — is added.
/// </summary>
public sealed class DirectorySeeder(CashDbContext db)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<int> SeedAsync(CancellationToken cancellationToken = default)
    {
        var existing = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, cancellationToken);
        var added = 0;
        foreach (var seed in LoadLeaflet())
        {
            if (existing.TryGetValue(seed.Slug, out var service))
            {
                foreach (var (language, text) in seed.Texts.Where(t => service.Texts.All(x => x.Language != t.Key)))
                {
                    service.SetText(text.ToEntity(language));
                }

                continue;
            }

            service = new PartnerService(seed.Slug, seed.Kind, seed.Phone, seed.Email)
            {
                Capabilities = seed.Capabilities.Aggregate(Capability.None, (all, c) => all | c),
                Audiences = seed.Audiences.Aggregate(Audience.None, (all, a) => all | a),
                ActsOnlyWithAgreement = seed.ActsOnlyWithAgreement,
                SortOrder = seed.SortOrder,
            };
            foreach (var (language, text) in seed.Texts)
            {
                service.SetText(text.ToEntity(language));
            }

            db.PartnerServices.Add(service);
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    internal static IReadOnlyList<SeedService> LoadLeaflet()
    {
        using var stream = typeof(DirectorySeeder).Assembly.GetManifestResourceStream("Cash.Web.Data.Seed.directory.json")
            ?? throw new InvalidOperationException("The embedded directory seed is missing.");
        return JsonSerializer.Deserialize<List<SeedService>>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The embedded directory seed is empty.");
    }

    internal sealed record SeedService(
        string Slug,
        ServiceKind Kind,
        string Phone,
        string Email,
        Capability[] Capabilities,
        Audience[] Audiences,
        bool ActsOnlyWithAgreement,
        int SortOrder,
        Dictionary<string, SeedText> Texts);

    internal sealed record SeedText(string Name, string WhatWeCanDo, string ForWhom, string Conditions, string Confidentiality)
    {
        public PartnerServiceText ToEntity(string language) => new()
        {
            Language = language,
            Name = Name,
            WhatWeCanDo = WhatWeCanDo,
            ForWhom = ForWhom,
            Conditions = Conditions,
            Confidentiality = Confidentiality,
        };
    }
}
