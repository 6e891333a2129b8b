using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Beside AddCashSecurity, so Program needs no extra using for it.
namespace Cash.Web.Security;

public static partial class ProtectionRegistration
{
    public const string ApplicationName = "cash";

    /// <summary>
    /// Protection at rest: the <see cref="MasterKey"/> (outside the database), the field-encryption
    /// key ring and <see cref="FieldCipher"/>, <see cref="KeyRotation"/>, the encrypted user tokens'
    /// column, and Data Protection with its keys in the database, each sealed under the master key,
    /// so that every instance shares them, a copy of the database alone opens none, and a key
    /// written into the database without the master key is never used (<see cref="KeyRefusals"/>).
    /// </summary>
    public static WebApplicationBuilder AddCashProtection(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCashProtection();
        return builder;
    }

    /// <summary>The same on a bare service collection; calling it twice registers nothing twice.</summary>
    public static IServiceCollection AddCashProtection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(FieldCipher)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(LoadMasterKey);
        services.AddSingleton<KeyRefusals>();
        services.AddSingleton<FieldKeyRing>();
        services.AddSingleton<FieldCipher>();
        services.AddSingleton<SealedTextReader>();
        services.AddScoped<KeyRotation>();
        services.AddScoped<BindingUpgrade>();
        services.AddEncryptedColumn(ProtectedUserStore.Tokens);

        services.AddSingleton<SealedDataProtectionKeys>();
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<MasterKey, SealedDataProtectionKeys>((options, masterKey, repository) =>
            {
                options.XmlEncryptor = new MasterKeyXmlEncryptor(masterKey);
                options.XmlRepository = repository;
            });

        return services;
    }

    private static MasterKey LoadMasterKey(IServiceProvider services)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        var masterKey = MasterKey.Load(services.GetRequiredService<IConfiguration>(), environment.ContentRootPath, keyFile => MasterKeyCheck.SealedDataIn(services, keyFile));
        if (masterKey.WasGenerated && !environment.IsDevelopment())
        {
            LogMasterKeyGenerated(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MasterKey).FullName!), masterKey.Source);
        }

        return masterKey;
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning,
        Message = "A new master key was generated at {Source}. Without it the encrypted data, the key rings and the audit trail cannot be read: back it up apart from the database, or provide Security:MasterKey from a secret store.")]
    private static partial void LogMasterKeyGenerated(ILogger logger, string source);
}
