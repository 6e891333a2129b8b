using System.Globalization;
using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Help;

namespace Cash.Web.Domain.Orientation;

/// <summary>What the ranking reads of a person's answers: who they are, what happens, online or not, what would help.</summary>
public sealed record OrientationProfile(SenderRole? Role, BullyingForm Forms, bool Online, HelpWish Wishes);

/// <summary>What the ranking needs to know of a service: who it is, its kind, and its name in the reader's language (for ties).</summary>
public sealed record OrientationCandidate(int Id, ServiceKind Kind, string Name);

/// <summary>A recommended service: its total weight and why, in the reader's language.</summary>
public sealed record Recommendation(int ServiceId, int Score, IReadOnlyList<string> Reasons, bool IsSchoolPmsCentre, bool IsDefault);

/// <summary>
/// The assistant's ranking, as a pure function of the rules (data the coordinator edits), the
/// published services and the answers: unit-tested without a database.
/// </summary>
public static class OrientationRanking
{
    /// <summary>What choosing a school adds to its PMS centre: enough to be among the first, not to hide a precise match.</summary>
    public const int SchoolPmsWeight = 40;

    /// <summary>
    /// Services in order (highest summed weight of the matching active rules first, ties by name).
    /// A PMS centre works only for its own schools: it is recommended only when it serves the chosen
    /// school, and then always. When nothing matches, the services that rules recommend to everyone
    /// (no conditions) — or else the youth aid service — so the result is never empty.
    /// </summary>
    public static IReadOnlyList<Recommendation> Recommend(
        IEnumerable<OrientationRule> rules,
        IReadOnlyCollection<OrientationCandidate> services,
        int? schoolPmsServiceId,
        OrientationProfile answers,
        string language)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(answers);
        var byId = services.ToDictionary(s => s.Id);
        var activeRules = rules.Where(r => r.IsActive && byId.ContainsKey(r.PartnerServiceId)).ToList();
        bool Eligible(int serviceId) => byId[serviceId].Kind != ServiceKind.PmsCentre || serviceId == schoolPmsServiceId;

        var scores = new Dictionary<int, (int Score, List<string> Reasons)>();
        void Add(int serviceId, int weight, string? reason)
        {
            var entry = scores.TryGetValue(serviceId, out var found) ? found : (0, new List<string>());
            if (reason is { Length: > 0 } && !entry.Item2.Contains(reason))
            {
                entry.Item2.Add(reason);
            }

            scores[serviceId] = (entry.Item1 + weight, entry.Item2);
        }

        if (answers.Role is { } role)
        {
            foreach (var rule in activeRules.Where(r => Eligible(r.PartnerServiceId)
                && r.Matches(role, answers.Forms, answers.Online, answers.Wishes)))
            {
                Add(rule.PartnerServiceId, rule.Weight, rule.ReasonIn(language));
            }
        }

        var isPms = schoolPmsServiceId is { } pms && byId.TryGetValue(pms, out var centre) && centre.Kind == ServiceKind.PmsCentre;
        if (isPms)
        {
            Add(schoolPmsServiceId!.Value, SchoolPmsWeight, null);
        }

        var isDefault = false;
        if (scores.Count == 0)
        {
            isDefault = true;
            var forEveryone = activeRules.Where(r => r.ForRoles.Count == 0 && r.WhenForms == BullyingForm.None
                && r.WhenWishes == HelpWish.None && r.WhenOnline is null && Eligible(r.PartnerServiceId)).ToList();
            foreach (var rule in forEveryone)
            {
                Add(rule.PartnerServiceId, rule.Weight, rule.ReasonIn(language));
            }

            if (scores.Count == 0)
            {
                foreach (var service in services.Where(s => s.Kind == ServiceKind.YouthAid))
                {
                    Add(service.Id, 0, null);
                }
            }
        }

        return [.. scores
            .OrderByDescending(s => s.Value.Score)
            .ThenBy(s => byId[s.Key].Name, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase))
            .Select(s => new Recommendation(s.Key, s.Value.Score, s.Value.Reasons, isPms && s.Key == schoolPmsServiceId, isDefault))];
    }
}
