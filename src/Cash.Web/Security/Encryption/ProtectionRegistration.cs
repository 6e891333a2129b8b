using Cash.Web.Data;
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
    /// so that every instance shares them and a copy of the database alone opens none.
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
        services.AddHostedService<MasterKeyCheck>();
        services.AddSingleton<FieldKeyRing>();
        services.AddSingleton<FieldCipher>();
        services.AddScoped<KeyRotation>();
        services.AddScoped<BindingUpgrade>();
        services.AddEncryptedColumn(ProtectedUserStore.Tokens);

        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<CashDbContext>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<MasterKey>((options, masterKey) => options.XmlEncryptor = new MasterKeyXmlEncryptor(masterKey));

        return services;
    }

    private static MasterKey LoadMasterKey(IServiceProvider services)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        var masterKey = MasterKey.Load(services.GetRequiredService<IConfiguration>(), environment.ContentRootPath);
        if (masterKey.WasGenerated && !environment.IsDevelopment())
        {
            LogMasterKeyGenerated(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MasterKey).FullName!), masterKey.Source);
        }

        return masterKey;
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning,
        Message = "A new master key was generated at {Source}. Without it the encrypted data, the key rings and the audit trail cannot be read: back it up apart from the database, or provide Security:MasterKey from a secret store.")]
    private static partial void LogMasterKeyGenerated(ILogger logger, string source);

    /// <summary>
    /// Loads the master key as the app starts, so a malformed key stops it at once rather than at
    /// the first request, and a freshly generated one is reported at start-up.
    /// </summary>
    private sealed class MasterKeyCheck(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<MasterKey>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
