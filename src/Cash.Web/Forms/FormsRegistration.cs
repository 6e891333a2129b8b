using Cash.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Cash.Web.Forms;

/// <summary>How every form of the site reads what it is sent, registered once.</summary>
public static class FormsRegistration
{
    /// <summary>
    /// Strict enum binding for every input model, messages of our own validation attributes read
    /// from the resources, and the framework's binding messages in the person's language (never
    /// echoing the value sent: it may be anything).
    /// </summary>
    public static IMvcBuilder AddCashForms(this IMvcBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidationAttributeAdapterProvider, CashValidationAttributeAdapterProvider>();
        builder.Services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedBindingMessages>();
        return builder.AddMvcOptions(options => options.ModelBinderProviders.Insert(0, new StrictEnumModelBinderProvider()));
    }

    private sealed class LocalizedBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options)
        {
            // The localizer reads the request's culture each time a message is asked for.
            var text = factory.Create(typeof(Ui));
            string Invalid() => text["Form.Value.Invalid"];
            string Required() => text["Form.Value.Required"];
            string Number() => text["Form.Value.Number"];
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((_, _) => Invalid());
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => Invalid());
            messages.SetUnknownValueIsInvalidAccessor(_ => Invalid());
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(Invalid);
            messages.SetValueIsInvalidAccessor(_ => Invalid());
            messages.SetValueMustBeANumberAccessor(_ => Number());
            messages.SetNonPropertyValueMustBeANumberAccessor(Number);
            messages.SetValueMustNotBeNullAccessor(_ => Required());
            messages.SetMissingBindRequiredValueAccessor(_ => Required());
            messages.SetMissingKeyOrValueAccessor(Required);
            messages.SetMissingRequestBodyRequiredValueAccessor(Required);
        }
    }
}
