using Cash.Web.Audit;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Situations;
using Cash.Web.Forms;
using Cash.Web.Resources;
using Cash.Web.Security.Encryption;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Situations;

/// <summary>
/// Opens the encrypted texts the referral pages show: a referral's request, justification and
/// reason for declining, and a person's pseudonym. A value that does not open where it is found
/// (altered, or moved from another referral, situation or service) is never shown: it comes back as
/// <see langword="null"/>, the page says it cannot be read, and the event is audited.
/// </summary>
public sealed partial class ReferralContent(FieldCipher cipher, AuditTrail audit, ILogger<ReferralContent> logger)
{
    public Task<string?> RequestAsync(Referral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return OpenAsync(referral.Request, SituationColumns.ReferralRequest(referral.Id, referral.SituationId, referral.ToServiceId), nameof(Referral), referral.Id, cancellationToken);
    }

    public Task<string?> JustificationAsync(Referral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return OpenAsync(referral.Justification, SituationColumns.ReferralJustification(referral.Id, referral.SituationId, referral.ToServiceId), nameof(Referral), referral.Id, cancellationToken);
    }

    public Task<string?> DeclineReasonAsync(Referral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return OpenAsync(referral.DeclineReason, SituationColumns.ReferralDeclineReason(referral.Id, referral.SituationId, referral.ToServiceId), nameof(Referral), referral.Id, cancellationToken);
    }

    /// <summary>The pseudonym (or initials) of a person of the situation; null when erased or unreadable.</summary>
    public Task<string?> PseudonymAsync(Guid personId, Guid situationId, byte[]? pseudonym, CancellationToken cancellationToken) =>
        OpenAsync(pseudonym, SituationColumns.Pseudonym(personId, situationId), nameof(InvolvedPerson), personId, cancellationToken);

    private async Task<string?> OpenAsync(byte[]? stored, FieldBinding binding, string entityType, Guid entityId, CancellationToken cancellationToken)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            return await cipher.DecryptAsync(stored, binding, cancellationToken);
        }
        catch (FieldDecryptionException)
        {
            LogUnreadable(logger, binding.Table, binding.Column, binding.RowId);
            await audit.RecordAsync(AuditActions.Unreadable, AuditOutcome.Failure, entityType, entityId.ToString(), cancellationToken: cancellationToken);
            return null;
        }
    }

    [LoggerMessage(EventId = 4684, Level = LogLevel.Warning, Message = "{Table}.{Column} of row {RowId} cannot be decrypted: altered, or moved from another row or record; shown as unreadable")]
    private static partial void LogUnreadable(ILogger logger, string table, string column, string rowId);
}

/// <summary>The words the referral pages use for a consent and for the services they name.</summary>
public static class ReferralWords
{
    /// <summary>
    /// The police's psycho-social unit, found by its slug in the directory (<c>Data/Seed/directory.json</c>):
    /// before a referral to it the page says that the police may have to write a report once they know of an offence.
    /// </summary>
    public const string PolicePsychoSocialSlug = "police-pole-psycho-social";

    public static bool IsPolice(PartnerService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.Slug == PolicePsychoSocialSlug;
    }

    /// <summary>What a consent allows, in words: "Rejoindre la situation, Contacter l'école".</summary>
    public static string Scope(IStringLocalizer<SituationTexts> text, ConsentScope scope)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(", ", StrictEnums.Each(scope).Select(s => text[$"ConsentScope.{s}"].Value));
    }
}
