using Cash.Web.Domain.People;

namespace Cash.Web.Pages.Pro.Orientation;

/// <summary>
/// Who edits the orientation rules: the coordinator, who orients people day to day, and
/// administrators. A plain role list, so no policy needs registering.
/// </summary>
internal static class RuleEditors
{
    public const string Roles = nameof(ProRole.Coordinator) + "," + nameof(ProRole.Administrator);
}
