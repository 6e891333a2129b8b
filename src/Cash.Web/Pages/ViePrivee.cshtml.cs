namespace Cash.Web.Pages;

public sealed class ViePriveeModel : PublicPageModel
{
    /// <summary>Change this whenever the notice changes: people rely on it to spot a new version.</summary>
    public static DateOnly LastUpdated { get; } = new(2026, 11, 26);
}
