using System.Globalization;
using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Orientation;
using Microsoft.Extensions.Primitives;

namespace Cash.Web.Pages.Orientation;

/// <summary>
/// The answers given so far to the assistant, as they travel in the query string (the assistant
/// stores nothing): enum names as values, so addresses stay readable and stable. Anything unknown,
/// forged or oversized reads as "not answered".
/// </summary>
public sealed record OrientationAnswers(
    SenderRole? Role,
    bool? Danger,
    BullyingForm Forms,
    bool? Online,
    string? Where,
    HelpWish Wishes)
{
    public const string RoleKey = "qui";
    public const string DangerKey = "danger";
    public const string FormsKey = "formes";
    public const string OnlineKey = "enligne";
    public const string WhereKey = "ecole";
    public const string WishesKey = "souhaits";

    /// <summary>"It happens outside school" — the same word the help request form reads.</summary>
    public const string OutsideSchool = "dehors";

    /// <summary>"I prefer not to say" where: an answer for the assistant, left out of the link to /aide.</summary>
    public const string NotSaid = "non";

    /// <summary>No honest value is longer; longer ones are not even looked at.</summary>
    private const int MaxValueLength = 200;

    public static readonly OrientationAnswers None = new(null, null, BullyingForm.None, null, null, HelpWish.None);

    /// <summary>The chosen school's id, when the answer to "where" is a school.</summary>
    public int? SchoolId =>
        Where is not null && int.TryParse(Where, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static OrientationAnswers From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = Single(query[WhereKey]);
        return new OrientationAnswers(
            ParseName<SenderRole>(Single(query[RoleKey])),
            ParseBool(Single(query[DangerKey])),
            ParseFlags<BullyingForm>(query[FormsKey]),
            ParseBool(Single(query[OnlineKey])),
            where is OutsideSchool or NotSaid || (where is not null && where.Length <= 9 && where.All(char.IsAsciiDigit) && where[0] != '0') ? where : null,
            ParseFlags<HelpWish>(query[WishesKey]));
    }

    /// <summary>The answers as query pairs, in the order of the questions, leaving out what is not answered.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        if (Role is { } role)
        {
            yield return new(RoleKey, role.ToString());
        }

        if (Danger is { } danger)
        {
            yield return new(DangerKey, danger ? "true" : "false");
        }

        if (Forms != BullyingForm.None)
        {
            yield return new(FormsKey, Names(Forms));
        }

        if (Online is { } online)
        {
            yield return new(OnlineKey, online ? "true" : "false");
        }

        if (Where is not null)
        {
            yield return new(WhereKey, Where);
        }

        if (Wishes != HelpWish.None)
        {
            yield return new(WishesKey, Names(Wishes));
        }
    }

    /// <summary>A query string (with its "?") carrying these answers, or "" when there are none.</summary>
    public string QueryString(params KeyValuePair<string, string>[] extra)
    {
        var pairs = ToQuery().Concat(extra).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}").ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    /// <summary>
    /// The link to the help request form (/aide) with these answers, the contract that form reads:
    /// <c>service</c>, <c>qui</c>, <c>formes</c>, <c>enligne</c>, <c>ecole</c> (a school id or
    /// <c>dehors</c>) and <c>souhaits</c>, each left out when empty.
    /// </summary>
    public string HelpLink(string? serviceSlug)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(serviceSlug))
        {
            pairs.Add(new("service", serviceSlug));
        }

        pairs.AddRange(ToQuery().Where(p => p.Key != DangerKey && !(p.Key == WhereKey && p.Value == NotSaid)));
        return "/aide" + (pairs.Count == 0 ? "" : "?" + string.Join('&', pairs.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
    }

    public static string Names<TEnum>(TEnum flags)
        where TEnum : struct, Enum =>
        string.Join(',', Enum.GetValues<TEnum>().Where(f => Convert.ToInt64(f, CultureInfo.InvariantCulture) != 0 && flags.HasFlag(f)));

    public static IEnumerable<TEnum> Each<TEnum>(TEnum flags)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Where(f => Convert.ToInt64(f, CultureInfo.InvariantCulture) != 0 && flags.HasFlag(f));

    private static string? Single(StringValues values) =>
        values.Count == 1 && values[0] is { Length: > 0 and <= MaxValueLength } value ? value : null;

    private static bool? ParseBool(string? value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <summary>Only a declared name counts: "3" or "Physical, Verbal" would slip through Enum.TryParse.</summary>
    private static TEnum? ParseName<TEnum>(string? value)
        where TEnum : struct, Enum =>
        value is not null && Enum.GetNames<TEnum>().Contains(value, StringComparer.Ordinal) ? Enum.Parse<TEnum>(value) : null;

    /// <summary>Checkboxes send one value each, the links one comma-separated value: both are read; unknown names are dropped.</summary>
    private static TEnum ParseFlags<TEnum>(StringValues values)
        where TEnum : struct, Enum
    {
        long all = 0;
        foreach (var value in values.Take(20))
        {
            if (value is null || value.Length > MaxValueLength)
            {
                continue;
            }

            foreach (var name in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (ParseName<TEnum>(name) is { } flag)
                {
                    all |= Convert.ToInt64(flag, CultureInfo.InvariantCulture);
                }
            }
        }

        return (TEnum)Enum.ToObject(typeof(TEnum), all);
    }
}

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
        OrientationAnswers answers,
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
                && r.Matches(role, answers.Forms, answers.Online ?? false, answers.Wishes)))
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
