namespace Cash.Web.Operations;

/// <summary>The public address of the site for links sent by e-mail (<c>Site:BaseUrl</c>), when configured.</summary>
public static class SiteAddress
{
    public const string ConfigurationKey = "Site:BaseUrl";

    public static Uri? Configured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Uri.TryCreate(configuration[ConfigurationKey], UriKind.Absolute, out var url) ? url : null;
    }
}
