namespace Cash.Web.Domain.Schools;

/// <summary>
/// A school-import preview that was confirmed. The preview's id travels sealed in the confirmation
/// form; stored here in the same transaction as the import, it makes a second confirmation of the
/// same preview — a double click, a resent form, two tabs — fail instead of applying it again,
/// on every instance since it lives in the database.
/// </summary>
public sealed class SchoolImportConfirmation
{
    private SchoolImportConfirmation()
    {
    }

    public SchoolImportConfirmation(Guid previewId, DateTimeOffset at)
    {
        PreviewId = previewId;
        ConfirmedAt = at;
    }

    public Guid PreviewId { get; private set; }

    public DateTimeOffset ConfirmedAt { get; private set; }
}
