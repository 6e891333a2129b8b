using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cash.Web.Mail;

public static class MailRegistration
{
    /// <summary>
    /// <see cref="Mailer"/> over SMTP when <c>Smtp:Host</c> is set, else over the pickup directory
    /// (<c>data/mail</c>). Calling it twice changes nothing.
    /// </summary>
    public static WebApplicationBuilder AddCashMail(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCashMail();
        return builder;
    }

    public static IServiceCollection AddCashMail(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(Mailer)))
        {
            return services;
        }

        services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.Section)
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Smtp:From is not an e-mail address.")
            .Validate(o => o.UsesPickupDirectory || o.Port is > 0 and < 65536, "Smtp:Port is not a TCP port.")
            .Validate(o => !o.UsesPickupDirectory || !string.IsNullOrWhiteSpace(o.PickupDirectory), "Smtp:PickupDirectory is empty while Smtp:Host is not set.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMailSender>(provider =>
            provider.GetRequiredService<IOptions<SmtpOptions>>().Value.UsesPickupDirectory
                ? ActivatorUtilities.CreateInstance<PickupDirectoryMailSender>(provider)
                : ActivatorUtilities.CreateInstance<SmtpMailSender>(provider));
        services.AddSingleton<Mailer>();
        return services;
    }
}
