using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Cash.Web.HelpRequests;

/// <summary>
/// The follow-up ticket: what carries an opened thread from one form of <c>/suivi</c> to the next,
/// so the receipt code is typed once and never travels again. Protected with Data Protection (a
/// purpose of its own), it names the request, the moment the code was typed and the moment it was
/// issued. Each action issues a fresh one, valid <see cref="IdleLifetime"/>, but no renewal reaches
/// past <see cref="HelpOptions.TicketMaxHours"/> after the code was typed: that moment is sealed
/// inside the ticket and copied from one to the next. Both limits are read on the app's clock.
/// </summary>
/// <remarks>
/// A ticket opens an open thread only, and is issued for open threads only: closing is final
/// (a <c>HelpRequest</c> has no way back), so this voids every ticket issued before the close
/// without a generation counter in the database. A thread that can be reopened would need one.
/// </remarks>
public sealed class FollowUpTickets(IDataProtectionProvider protection, TimeProvider clock, IOptions<HelpOptions> options)
{
    /// <summary>How long a ticket lasts without any action.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(1);

    private const string Version = "1";

    // v2: v1 tickets were time-limited on the machine's clock and carried no cap.
    private readonly IDataProtector protector = protection.CreateProtector("cash/follow-up/v2");

    /// <summary>A ticket for <paramref name="requestId"/>, whose code was typed at <paramref name="codeEnteredAt"/>.</summary>
    public string Issue(Guid requestId, DateTimeOffset codeEnteredAt)
    {
        var issuedAt = clock.GetUtcNow();
        return protector.Protect(string.Join('|',
            Version,
            requestId.ToString("N"),
            codeEnteredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            issuedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>What <paramref name="ticket"/> carries, or null when it is not one of ours, is spoilt or has run out.</summary>
    public FollowUpTicket? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 1000)
        {
            return null;
        }

        string plain;
        try
        {
            plain = protector.Unprotect(ticket);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = plain.Split('|');
        if (parts.Length != 4
            || parts[0] != Version
            || !Guid.TryParseExact(parts[1], "N", out var requestId)
            || !TryReadTicks(parts[2], out var codeEnteredAt)
            || !TryReadTicks(parts[3], out var issuedAt))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        return now - issuedAt < IdleLifetime && now - codeEnteredAt < options.Value.TicketMaxAge
            ? new FollowUpTicket(requestId, codeEnteredAt)
            : null;
    }

    private static bool TryReadTicks(string text, out DateTimeOffset at)
    {
        at = default;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }
}

/// <summary>What a valid follow-up ticket says: which thread, and since when its code was typed.</summary>
public sealed record FollowUpTicket(Guid RequestId, DateTimeOffset CodeEnteredAt);
