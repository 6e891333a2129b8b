using System.Buffers.Binary;
using System.Text;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// Where an encrypted value lives and whose it is. It is authenticated with the value (AES-GCM
/// associated data), so a value copied to another row or column, or a row moved to another record
/// (a message given another request, or the other side of the thread), no longer decrypts.
/// </summary>
public sealed record FieldBinding
{
    /// <param name="table">The table the value is stored in.</param>
    /// <param name="column">Its column.</param>
    /// <param name="rowId">Its own row's id.</param>
    /// <param name="belongsTo">
    /// The record the row belongs to, as stored beside it: a request's text belongs to the request
    /// (<c>HelpRequests/{id}</c>), a message to its request and its author's side
    /// (<c>HelpRequests/{id}/Sender</c>), a person's token to that person.
    /// </param>
    public FieldBinding(string table, string column, string rowId, string belongsTo)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentException.ThrowIfNullOrEmpty(column);
        ArgumentException.ThrowIfNullOrEmpty(rowId);
        ArgumentException.ThrowIfNullOrEmpty(belongsTo);
        Table = table;
        Column = column;
        RowId = rowId;
        BelongsTo = belongsTo;
    }

    public string Table { get; }

    public string Column { get; }

    public string RowId { get; }

    public string BelongsTo { get; }

    /// <summary>Each part length-prefixed, so ("ab", "c") and ("a", "bc") never authenticate alike.</summary>
    internal byte[] ToAssociatedData(ReadOnlySpan<byte> header) => Join(header, [Table, Column, RowId, BelongsTo]);

    /// <summary>
    /// What values of the first format (<see cref="FieldCipher.LegacyFormatVersion"/>) were bound to:
    /// table, column and row only. Read once, by the upgrade that re-seals them (<see cref="BindingUpgrade"/>).
    /// </summary>
    internal byte[] ToLegacyAssociatedData(ReadOnlySpan<byte> header) => Join(header, [Table, Column, RowId]);

    private static byte[] Join(ReadOnlySpan<byte> header, string[] parts)
    {
        var length = header.Length + parts.Sum(p => sizeof(int) + Encoding.UTF8.GetByteCount(p));
        var data = new byte[length];
        header.CopyTo(data);
        var at = header.Length;
        foreach (var part in parts)
        {
            var written = Encoding.UTF8.GetBytes(part, data.AsSpan(at + sizeof(int)));
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(at), written);
            at += sizeof(int) + written;
        }

        return data;
    }
}
