using Cash.Web.Domain.Help;
using Cash.Web.Security.Encryption;

namespace Cash.Web.HelpRequests;

/// <summary>
/// The help requests' encrypted columns, each declared once: the code that writes and reads them
/// takes its binding from here (<see cref="Text"/>, <see cref="Contact"/>, <see cref="MessageBody"/>),
/// and a key rotation re-encrypts them from here (registered in <see cref="HelpRegistration"/>).
/// The associated data of each value names its table, column and row, so a value copied to
/// another row or column does not decrypt.
/// </summary>
public static class HelpColumns
{
    public static readonly EncryptedColumn<HelpRequest, Guid, byte[]> RequestText =
        EncryptedColumn.Bytes<HelpRequest, Guid>("HelpRequests", "Text", r => r.Id, r => r.Text);

    public static readonly EncryptedColumn<HelpRequest, Guid, byte[]> RequestContact =
        EncryptedColumn.Bytes<HelpRequest, Guid>("HelpRequests", "Contact", r => r.Id, r => r.Contact);

    public static readonly EncryptedColumn<HelpMessage, Guid, byte[]> MessageBodies =
        EncryptedColumn.Bytes<HelpMessage, Guid>("HelpMessages", "Body", m => m.Id, m => m.Body);

    public static IReadOnlyList<IEncryptedColumn> All { get; } = [RequestText, RequestContact, MessageBodies];

    public static FieldBinding Text(Guid requestId) => RequestText.Binding(requestId);

    public static FieldBinding Contact(Guid requestId) => RequestContact.Binding(requestId);

    public static FieldBinding MessageBody(Guid messageId) => MessageBodies.Binding(messageId);
}
