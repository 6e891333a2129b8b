using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Forms;

/// <summary>An attribute of our own whose message (a resource key) takes arguments of its choosing.</summary>
public interface ILocalizedValidation
{
    /// <summary>The placeholders of the message, formatted for the current culture.</summary>
    object[] MessageArguments();
}

/// <summary>
/// MVC localizes the messages of its own attributes only; an attribute of ours would show its
/// resource key. This provider gives ours an adapter that reads the key from the resources too.
/// </summary>
public sealed class CashValidationAttributeAdapterProvider : IValidationAttributeAdapterProvider
{
    private readonly ValidationAttributeAdapterProvider builtIn = new();

    public IAttributeAdapter? GetAttributeAdapter(ValidationAttribute attribute, IStringLocalizer? stringLocalizer) =>
        builtIn.GetAttributeAdapter(attribute, stringLocalizer) ?? new LocalizedAttributeAdapter(attribute, stringLocalizer);

    private sealed class LocalizedAttributeAdapter(ValidationAttribute attribute, IStringLocalizer? stringLocalizer)
        : AttributeAdapterBase<ValidationAttribute>(attribute, stringLocalizer)
    {
        // The forms are checked on the server only (novalidate): nothing to write for a script.
        public override void AddValidation(ClientModelValidationContext context)
        {
        }

        public override string GetErrorMessage(ModelValidationContextBase validationContext)
        {
            ArgumentNullException.ThrowIfNull(validationContext);
            return GetErrorMessage(
                validationContext.ModelMetadata,
                Attribute is ILocalizedValidation own ? own.MessageArguments() : [validationContext.ModelMetadata.GetDisplayName()]);
        }
    }
}

/// <summary>
/// A text no longer than <see cref="Maximum"/> characters once trimmed, the way it will be stored:
/// spaces around a text that fits do not refuse it. The message gets the maximum as <c>{0}</c> ("5 000").
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MaxTrimmedLengthAttribute(int maximum) : ValidationAttribute, ILocalizedValidation
{
    public int Maximum { get; } = maximum;

    public override bool IsValid(object? value) => value is not string text || text.Trim().Length <= Maximum;

    public object[] MessageArguments() => [Maximum.ToString("N0", CultureInfo.CurrentCulture)];
}
