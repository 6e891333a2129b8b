using Cash.Web.Domain.Tools;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Tools;

/// <summary>
/// The tools library's encrypted column: a file's bytes, bound to the file and to its tool, so a file
/// copied under another tool in the database does not open. Library files are meant to name nobody,
/// but an uploaded worksheet may; QUALITY.md asks every upload to be encrypted at rest.
/// </summary>
public static class ToolColumns
{
    public static readonly EncryptedColumn<ToolFile, Guid, Guid, byte[]> FileContentColumn =
        EncryptedColumn.Bytes<ToolFile, Guid, Guid>("ToolFiles", "Content", key: f => f.Id, belongsTo: f => f.ToolId, owner: Owner, value: f => f.Content);

    public static IReadOnlyList<IEncryptedColumn> All { get; } = [FileContentColumn];

    public static FieldBinding FileContent(Guid fileId, Guid toolId) => FileContentColumn.Binding(fileId, toolId);

    private static string Owner(Guid toolId) => $"Tools/{toolId:D}";
}
