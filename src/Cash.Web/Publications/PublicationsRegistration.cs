using Cash.Web.Operations;

namespace Cash.Web.Publications;

/// <summary>The public resources: the texts and procedures in memory, the composer, the PDF files and their cache.</summary>
public static class PublicationsRegistration
{
    public static IServiceCollection AddPublications(this IServiceCollection services)
    {
        services.AddSingleton<PublishedTextsCache>();
        services.AddSingleton<PublishedProceduresCache>();
        services.AddSingleton<ResourceComposer>();
        services.AddSingleton<PrintedFiles>();
        services.AddSingleton<IPublicContentListener>(provider => provider.GetRequiredService<PrintedFiles>());
        services.AddSingleton<ResourcePrints>();
        return services;
    }
}
