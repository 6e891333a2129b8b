using Cash.Web.Domain.Help;
using Cash.Web.Security.Encryption;

namespace Cash.Web.HelpRequests;

/// <summary>
/// The help requests' encrypted columns, each declared once: the code that writes and reads them
/// takes its binding from here (<see cref="Text"/>, <see cref="Contact"/>, <see cref="MessageBody"/>),
/// and a key rotation re-encrypts them from here (registered in <see cref="HelpRegistration"/>).
/// The associated data of each value names its table, column and row, and the record it belongs
/// to: a request's text and contact their request, a message its request and its author's side. A
/// value copied to another row or column, or a message moved to another thread or to the other
/// side of its own, does not decrypt.
/// </summary>
public static class HelpColumns
{
    public static readonly EncryptedColumn<HelpRequest, Guid, Guid, byte[]> RequestText =
        EncryptedColumn.Bytes<HelpRequest, Guid, Guid>("HelpRequests", "Text", key: r => r.Id, belongsTo: r => r.Id, owner: Request, value: r => r.Text);

    public static readonly EncryptedColumn<HelpRequest, Guid, Guid, byte[]> RequestContact =
        EncryptedColumn.Bytes<HelpRequest, Guid, Guid>("HelpRequests", "Contact", key: r => r.Id, belongsTo: r => r.Id, owner: Request, value: r => r.Contact);

    public static readonly EncryptedColumn<HelpMessage, Guid, MessageOwner, byte[]> MessageBodies =
        EncryptedColumn.Bytes<HelpMessage, Guid, MessageOwner>(
            "HelpMessages",
            "Body",
            key: m => m.Id,
            belongsTo: m => new MessageOwner(m.HelpRequestId, m.Author),
            owner: o => $"{Request(o.RequestId)}/{o.Author}",
            value: m => m.Body);

    public static IReadOnlyList<IEncryptedColumn> All { get; } = [RequestText, RequestContact, MessageBodies];

    public static FieldBinding Text(Guid requestId) => RequestText.Binding(requestId, requestId);

    public static FieldBinding Contact(Guid requestId) => RequestContact.Binding(requestId, requestId);

    public static FieldBinding MessageBody(Guid messageId, Guid requestId, MessageAuthor author) =>
        MessageBodies.Binding(messageId, new MessageOwner(requestId, author));

    public static FieldBinding MessageBody(HelpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return MessageBody(message.Id, message.HelpRequestId, message.Author);
    }

    private static string Request(Guid requestId) => $"HelpRequests/{requestId:D}";

    /// <summary>Whose a message is: its thread, and which side of it wrote the message.</summary>
    public sealed record MessageOwner(Guid RequestId, MessageAuthor Author);
}
