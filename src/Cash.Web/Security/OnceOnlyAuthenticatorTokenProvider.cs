using Cash.Web.Audit;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Cash.Web.Security;

/// <summary>
/// TOTP (RFC 6238: 6 digits, 30 s, one step of clock drift either way) where a code is accepted
/// once: the step it matched is stored on the person and a later use of the same or an earlier
/// step is refused and audited (ASVS 2.8.4), so a code read over a shoulder cannot be replayed.
/// </summary>
public sealed class OnceOnlyAuthenticatorTokenProvider(TimeProvider clock, AuditTrail audit) : IUserTwoFactorTokenProvider<Professional>
{
    public const string Name = "CashAuthenticator";

    public Task<string> GenerateAsync(string purpose, UserManager<Professional> manager, Professional user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<Professional> manager, Professional user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<Professional> manager, Professional user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = Normalize(token);
        if (string.IsNullOrEmpty(key) || code.Length != 6)
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key), timeCorrection: new TimeCorrection(clock.GetUtcNow().UtcDateTime));
        if (!totp.VerifyTotp(code, out var timeStep, VerificationWindow.RfcSpecifiedNetworkDelay))
        {
            return false;
        }

        if (!user.TryUseTotpTimeStep(timeStep))
        {
            await audit.RecordAsync(AuditActions.TotpCodeReused, AuditOutcome.Denied, nameof(Professional), user.Id.ToString(), actorId: user.Id, partnerServiceId: user.PartnerServiceId);
            return false;
        }

        var saved = await manager.UpdateAsync(user);
        return saved.Succeeded;
    }

    /// <summary>People type codes as "123 456" or "123-456"; only the digits count.</summary>
    public static string Normalize(string? token) =>
        new((token ?? "").Where(char.IsAsciiDigit).ToArray());
}
