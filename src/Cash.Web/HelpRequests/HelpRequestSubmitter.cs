using Cash.Web.Domain.Help;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.HelpRequests;

/// <summary>What a person asks, checked, ready to be stored.</summary>
public sealed record HelpRequestContent(
    int? ServiceId,
    SenderRole Role,
    AgeBand AgeBand,
    int? SchoolId,
    BullyingForm Forms,
    bool HappensOnline,
    string Text,
    Duration Since,
    HelpWish Wishes,
    ReplyChannel Channel,
    string? Contact,
    bool MayContactSchool,
    bool MayForward);

/// <summary>
/// Turns a checked form into a stored request: encrypts the text and contact, seals the receipt
/// code, commits (<see cref="HelpRequestWriter"/>) and only then queues the arrival notice and
/// returns the code. The one path of every submission, for the form and for the benchmark alike.
/// </summary>
public sealed class HelpRequestSubmitter(FieldCipher cipher, ReceiptCodes receipts, HelpRequestWriter writer, ArrivalNotifier notifier, TimeProvider clock)
{
    /// <summary>Look-up ids are short and collide now and then; more than this many in a row is not chance.</summary>
    public const int MaxCodeAttempts = 8;

    /// <summary>The receipt code of the committed request, or null when this submission key was already used.</summary>
    public async Task<string?> SubmitAsync(Guid submissionKey, HelpRequestContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var submissionKeyHash = receipts.SubmissionKeyHash(submissionKey);
        for (var attempt = 0; attempt < MaxCodeAttempts; attempt++)
        {
            var code = receipts.CodeFor(submissionKey, attempt);
            var request = new HelpRequest(submissionKeyHash, content.ServiceId, clock.GetUtcNow())
            {
                SenderRole = content.Role,
                AgeBand = content.AgeBand,
                SchoolId = content.SchoolId,
                Forms = content.Forms,
                HappensOnline = content.HappensOnline,
                Since = content.Since,
                Wishes = content.Wishes,
                ReplyChannel = content.Channel,
                MayContactSchool = content.MayContactSchool,
                MayForward = content.MayForward,
            };
            request.Text = await cipher.EncryptAsync(content.Text, HelpColumns.Text(request.Id), cancellationToken);
            request.Contact = content.Contact is null ? null : await cipher.EncryptAsync(content.Contact, HelpColumns.Contact(request.Id), cancellationToken);
            receipts.Seal(request, code);

            // Not cancelled by a dropped connection: once queued the request may be committed, and then
            // its arrival notice must go out even if nobody is left to see the receipt.
            switch (await writer.WriteAsync(request, CancellationToken.None))
            {
                case WriteResult.Saved:
                    notifier.Arrived(content.ServiceId);
                    return code;
                case WriteResult.AlreadySent:
                    return null;
            }
        }

        throw new InvalidOperationException($"No free receipt id after {MaxCodeAttempts} attempts.");
    }

    /// <summary>The request a form's submission key made, if any: found by the key's keyed hash, the only trace of it stored.</summary>
    public Task<HelpRequest?> FindSentAsync(IQueryable<HelpRequest> requests, Guid submissionKey, CancellationToken cancellationToken)
    {
        var hash = receipts.SubmissionKeyHash(submissionKey);
        return requests.FirstOrDefaultAsync(r => r.SubmissionKeyHash == hash, cancellationToken);
    }

    /// <summary>
    /// The code a committed request was given, derived again from the submission key the browser
    /// sent (the database holds no way to it); null if none opens it.
    /// </summary>
    public string? CodeOf(HelpRequest request, Guid submissionKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 0; attempt < MaxCodeAttempts; attempt++)
        {
            var code = receipts.CodeFor(submissionKey, attempt);
            if (ReceiptCodes.IdOf(code) == request.ReceiptId && receipts.Opens(request, code))
            {
                return code;
            }
        }

        return null;
    }
}
