using System.Globalization;
using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Orientation;
using Cash.Web.Forms;
using Microsoft.Extensions.Primitives;

namespace Cash.Web.Orientation;

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

    /// <summary>A step's form sent to itself: check the answer and move on.</summary>
    public const string NextKey = "suivant";

    /// <summary>"It happens outside school" — the same word the help request form reads.</summary>
    public const string OutsideSchool = "dehors";

    /// <summary>"I prefer not to say" where: an answer for the assistant, left out of the link to /aide.</summary>
    public const string NotSaid = "non";

    /// <summary>No honest value is longer; longer ones are not even looked at.</summary>
    private const int MaxValueLength = 200;

    public static readonly OrientationAnswers None = new(null, null, BullyingForm.None, null, null, HelpWish.None);

    /// <summary>What the ranking reads of these answers.</summary>
    public OrientationProfile Profile => new(Role, Forms, Online ?? false, Wishes);

    /// <summary>The chosen school's id, when the answer to "where" is a school.</summary>
    public int? SchoolId =>
        Where is not null && int.TryParse(Where, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static OrientationAnswers From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = Single(query[WhereKey]);
        return new OrientationAnswers(
            StrictEnums.Parse<SenderRole>(Single(query[RoleKey])),
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
        string.Join(',', StrictEnums.Each(flags));

    private static string? Single(StringValues values) =>
        values.Count == 1 && values[0] is { Length: > 0 and <= MaxValueLength } value ? value : null;

    private static bool? ParseBool(string? value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <summary>
    /// Checkboxes send one value each, the links one comma-separated value: both are read, strictly
    /// (<see cref="StrictEnums"/>); one unknown or oversized name and the whole answer is unanswered,
    /// never half-read.
    /// </summary>
    private static TEnum ParseFlags<TEnum>(StringValues values)
        where TEnum : struct, Enum
    {
        if (values.Count > StrictEnums.MaxFlags || values.Any(v => v is null || v.Length > MaxValueLength))
        {
            return default;
        }

        var names = values.SelectMany(v => v!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return StrictEnums.TryParseFlags(typeof(TEnum), names, out var flags) ? (TEnum)flags : default;
    }
}
