namespace Cash.Web.Situations;

/// <summary>Settings of the situations (section <c>Situations</c>).</summary>
public sealed class SituationOptions
{
    public const string Section = "Situations";

    /// <summary>
    /// How long after closing a situation keeps what names or describes anyone (PRODUCT.md: forget);
    /// then the retention job erases it and keeps only the anonymous facts.
    /// </summary>
    public int RetentionMonths { get; set; } = 24;
}
