namespace Cash.Web.Operations;

/// <summary>Where the quick-exit button sends the visitor: a neutral site that says nothing about bullying.</summary>
public sealed class QuickExitOptions
{
    public const string Section = "QuickExit";

    public string Url { get; set; } = "https://www.meteo.be/fr/belgique";
}
