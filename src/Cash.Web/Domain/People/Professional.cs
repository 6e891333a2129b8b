using Microsoft.AspNetCore.Identity;

namespace Cash.Web.Domain.People;

/// <summary>
/// A person who works for a partner service (or administers the platform) and signs in to the
/// professionals' space. Accounts exist only through an <see cref="Invitation"/>.
/// </summary>
public sealed class Professional : IdentityUser<Guid>, ITimestamped
{
    private Professional()
    {
    }

    public Professional(string email, string displayName, ProRole role, int? partnerServiceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        Id = Guid.CreateVersion7();
        Email = email;
        UserName = email;
        DisplayName = displayName.Trim();
        ChangeRole(role, partnerServiceId);
        LockoutEnabled = true;
    }

    /// <summary>How colleagues see this person in lists; never written to logs or the audit trail.</summary>
    public string DisplayName { get; set; } = "";

    public ProRole Role { get; private set; }

    /// <summary>The one partner service this person works for; only administrators may have none.</summary>
    public int? PartnerServiceId { get; private set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    /// <summary>The last TOTP time step accepted: a code is good once, never twice (ASVS 2.8.4).</summary>
    public long LastTotpTimeStep { get; private set; }

    public bool IsDisabled => DisabledAt is not null;

    /// <summary>Every role but administrator works for a service.</summary>
    public static bool NeedsService(ProRole role) => role != ProRole.Administrator;

    public void ChangeRole(ProRole role, int? partnerServiceId)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role));
        }

        if (NeedsService(role) && partnerServiceId is null)
        {
            throw new InvalidOperationException($"A {role} belongs to a partner service.");
        }

        Role = role;
        PartnerServiceId = partnerServiceId;
    }

    public void Disable(DateTimeOffset at) => DisabledAt ??= at;

    public void Enable() => DisabledAt = null;

    /// <summary>Accepts a TOTP time step only if it comes after the last one accepted.</summary>
    public bool TryUseTotpTimeStep(long timeStep)
    {
        if (timeStep <= LastTotpTimeStep)
        {
            return false;
        }

        LastTotpTimeStep = timeStep;
        return true;
    }
}
