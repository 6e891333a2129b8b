namespace Cash.Web.Domain.Audit;

/// <summary>
/// A protected record: every create, update and delete of it is written to the audit trail
/// automatically when it is saved. Reads and exports are recorded with one call.
/// </summary>
public interface IAuditedRecord
{
    /// <summary>The record's identifier as it appears in the audit trail (never a name or any content).</summary>
    string AuditId { get; }
}
