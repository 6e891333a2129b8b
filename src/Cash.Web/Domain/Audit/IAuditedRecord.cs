namespace Cash.Web.Domain.Audit;

/// <summary>
/// A protected record: every create, update and delete of it is written to the audit trail
/// automatically when a tracked save commits, so no page records them by hand (and none changes
/// such a record with a bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, which the audit would not see).
/// Reads and exports are recorded with one call each (<c>AuditTrail.RecordReadAsync</c>,
/// <c>RecordExportAsync</c>). See docs/ARCHITECTURE.md, "Sensitive records".
/// </summary>
public interface IAuditedRecord
{
    /// <summary>The record's identifier as it appears in the audit trail (never a name or any content).</summary>
    string AuditId { get; }
}
