using Cash.Web.Domain.Help;
using Cash.Web.Security.Encryption;

namespace Cash.Web.HelpRequests;

/// <summary>
/// Opens a request's encrypted texts for a page, from either side of the thread. A value that does
/// not open — altered, or moved from another row, another thread or the other side of this one — is
/// never shown and never stops the page: it comes back as <see langword="null"/>, the page says it
/// cannot be read, and the event goes to the audit trail (and the log, by row, never by content).
/// </summary>
public sealed class HelpTexts(SealedTextReader reader)
{
    /// <summary>What the sender wrote in the form, or null when it cannot be read.</summary>
    public Task<string?> TextAsync(HelpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OpenAsync(request.Text, HelpColumns.Text(request.Id), nameof(HelpRequest), request.Id, cancellationToken);
    }

    /// <summary>The address or number to answer on, or null when there is none or it cannot be read.</summary>
    public Task<string?> ContactAsync(HelpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Contact is null
            ? Task.FromResult<string?>(null)
            : OpenAsync(request.Contact, HelpColumns.Contact(request.Id), nameof(HelpRequest), request.Id, cancellationToken);
    }

    /// <summary>A message of the thread, or null when it cannot be read here.</summary>
    public Task<string?> BodyAsync(HelpMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return OpenAsync(message.Body, HelpColumns.MessageBody(message), nameof(HelpMessage), message.Id, cancellationToken);
    }

    private async Task<string?> OpenAsync(byte[] stored, FieldBinding binding, string entityType, Guid entityId, CancellationToken cancellationToken) =>
        (await reader.OpenAsync(stored, binding, entityType, entityId, cancellationToken)).Text;
}
