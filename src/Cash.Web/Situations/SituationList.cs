using System.Buffers.Binary;
using System.Linq.Expressions;
using Cash.Web.Domain.Situations;
using Microsoft.AspNetCore.WebUtilities;

namespace Cash.Web.Situations;

/// <summary>The filters of a list of situations, as the page's GET form sends them.</summary>
/// <param name="MyServiceOnly">Only the situations my service is involved in.</param>
/// <param name="NeedingAction">See <see cref="SituationList.NeedingAction"/>.</param>
public sealed record SituationFilter(SituationStatus? Status, Severity? Severity, int? SchoolId, bool MyServiceOnly, bool NeedingAction);

/// <summary>
/// Where a page of a list ends: the last row's (<see cref="Situation.LastActivityAt"/>, <see cref="Situation.Id"/>).
/// The next page starts strictly after it in the list's order, so a row is never shown twice or
/// skipped, however many rows share a time, and a page costs the same far down the list as at its top
/// (no OFFSET). Sent as an opaque token (base64url of the UTC ticks and the id).
/// </summary>
public sealed record ListCursor(DateTimeOffset At, Guid Id)
{
    private const int Length = sizeof(long) + 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, At.UtcTicks);
        Id.TryWriteBytes(bytes[sizeof(long)..], bigEndian: true, out _);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    /// <summary>The cursor a token stands for; null for anything that is not one (the list then starts at its top).</summary>
    public static ListCursor? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length != Length)
        {
            return null;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return null;
        }

        return new ListCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.AsSpan(sizeof(long)), bigEndian: true));
    }
}

/// <summary>
/// The list of situations every professional works from: newest activity first, filtered, paged by
/// keyset. Who sees which rows is the access rule's business (<c>SituationAccess</c>); this only narrows.
/// </summary>
public static class SituationList
{
    public const int PageSize = 25;

    /// <summary>
    /// The list's rows as one query per index to follow: each reads its index in the list's order and
    /// stops at the page's end, so a page costs the same at a thousand situations as at a million.
    /// "Needing action" (glossary: a situation my service is involved in, not closed, that nobody has
    /// taken up since it was opened, or whose severity is "danger") is two such queries, still open, and
    /// in progress at "danger", whose first rows the page merges: written as one condition with an OR
    /// across two columns, the database reads every open and every "danger" situation and sorts them.
    /// </summary>
    public static IReadOnlyList<IQueryable<Situation>> Filtered(this IQueryable<Situation> situations, SituationFilter filter, int? serviceId)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Status is { } status)
        {
            situations = situations.Where(s => s.Status == status);
        }

        if (filter.Severity is { } severity)
        {
            situations = situations.Where(s => s.Severity == severity);
        }

        if (filter.SchoolId is { } school)
        {
            situations = situations.Where(s => s.SchoolId == school);
        }

        if (filter.MyServiceOnly || filter.NeedingAction)
        {
            situations = situations.Where(s => s.Services.Any(i => i.PartnerServiceId == serviceId && i.EndedAt == null));
        }

        return filter.NeedingAction
            ?
            [
                situations.Where(s => s.Status == SituationStatus.Open),
                situations.Where(s => s.Status == SituationStatus.InProgress && s.Severity == Severity.Danger),
            ]
            : [situations];
    }

    /// <summary>The rows after <paramref name="cursor"/> (all from the top without one), newest activity first, the id breaking ties.</summary>
    public static IQueryable<Situation> After(this IQueryable<Situation> situations, ListCursor? cursor)
    {
        if (cursor is not null)
        {
            var (at, id) = (cursor.At, cursor.Id);
            situations = situations.Where(s => s.LastActivityAt < at || (s.LastActivityAt == at && s.Id.CompareTo(id) < 0));
        }

        return situations.OrderByDescending(s => s.LastActivityAt).ThenByDescending(s => s.Id);
    }
}
