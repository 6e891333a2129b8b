using System.Buffers.Binary;
using System.Text;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// Where an encrypted value lives. It is authenticated with the value (AES-GCM associated data),
/// so a value copied to another row or column no longer decrypts.
/// </summary>
public sealed record FieldBinding
{
    public FieldBinding(string table, string column, string rowId)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentException.ThrowIfNullOrEmpty(column);
        ArgumentException.ThrowIfNullOrEmpty(rowId);
        Table = table;
        Column = column;
        RowId = rowId;
    }

    public string Table { get; }

    public string Column { get; }

    public string RowId { get; }

    /// <summary>Each part length-prefixed, so ("ab", "c") and ("a", "bc") never authenticate alike.</summary>
    internal byte[] ToAssociatedData(ReadOnlySpan<byte> header)
    {
        string[] parts = [Table, Column, RowId];
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
