using Cash.Web.Domain.Interventions;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Interventions;

/// <summary>
/// Seals and opens an intervention's encrypted texts through their columns' bindings
/// (<see cref="InterventionColumns"/>). A value that does not open where it is found (altered, or
/// moved from another intervention or situation) is never shown: it comes back as
/// <see langword="null"/>, the page says it cannot be read, and the event is audited as
/// <c>record.unreadable</c> (and logged by row, never by content).
/// </summary>
public sealed class InterventionContent(FieldCipher cipher, SealedTextReader reader)
{
    public ValueTask<byte[]> SealPlanAsync(Intervention intervention, string plan, CancellationToken cancellationToken) =>
        cipher.EncryptAsync(plan, InterventionColumns.Plan(intervention), cancellationToken);

    public ValueTask<byte[]> SealReportTextAsync(Intervention intervention, string text, CancellationToken cancellationToken) =>
        cipher.EncryptAsync(text, InterventionColumns.ReportText(intervention), cancellationToken);

    public ValueTask<byte[]> SealFollowUpAsync(Intervention intervention, string text, CancellationToken cancellationToken) =>
        cipher.EncryptAsync(text, InterventionColumns.FollowUp(intervention), cancellationToken);

    public ValueTask<byte[]> SealDeclineReasonAsync(InterventionService participation, string reason, CancellationToken cancellationToken) =>
        cipher.EncryptAsync(reason, InterventionColumns.DeclineReason(participation), cancellationToken);

    public Task<Opened> PlanAsync(Intervention intervention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        return OpenAsync(intervention.Plan, InterventionColumns.Plan(intervention), nameof(Intervention), intervention.Id, cancellationToken);
    }

    public Task<Opened> ReportTextAsync(Intervention intervention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        return OpenAsync(intervention.ReportText, InterventionColumns.ReportText(intervention), nameof(Intervention), intervention.Id, cancellationToken);
    }

    public Task<Opened> FollowUpAsync(Intervention intervention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        return OpenAsync(intervention.FollowUp, InterventionColumns.FollowUp(intervention), nameof(Intervention), intervention.Id, cancellationToken);
    }

    public Task<Opened> DeclineReasonAsync(InterventionService participation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participation);
        return OpenAsync(participation.DeclineReason, InterventionColumns.DeclineReason(participation), nameof(Intervention), participation.InterventionId, cancellationToken);
    }

    private async Task<Opened> OpenAsync(byte[]? stored, FieldBinding binding, string entityType, Guid entityId, CancellationToken cancellationToken)
    {
        var opened = await reader.OpenAsync(stored, binding, entityType, entityId, cancellationToken);
        return new Opened(opened.Text, opened.Unreadable);
    }


    /// <summary>A text as opened: its value, none, or one that cannot be read.</summary>
    public sealed record Opened(string? Text, bool Unreadable);
}
