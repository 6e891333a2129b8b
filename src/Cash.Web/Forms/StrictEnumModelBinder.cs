using Cash.Web.Resources;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Forms;

/// <summary>
/// Binds every enum-typed input (plain, nullable, [Flags] from several checkbox values, or a list)
/// through <see cref="StrictEnums"/>: a digit, an unknown name or a second value for a single choice
/// becomes a field error in the person's language, never a silent value. Nothing sent, or only
/// blanks, is no answer: the property keeps its initial value (null for a nullable one), and
/// [Required] says whether an answer was needed.
/// </summary>
public sealed class StrictEnumModelBinder(Type enumType, bool nullable) : IModelBinder
{
    public const string MessageKey = "Form.Choice.Unknown";

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var name = bindingContext.ModelName;
        var posted = bindingContext.ValueProvider.GetValue(name);
        if (posted == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(name, posted);
        var values = posted.Values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (values.Count == 0)
        {
            if (nullable)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }

            return Task.CompletedTask;
        }

        var read = StrictEnums.IsFlags(enumType)
            ? StrictEnums.TryParseFlags(enumType, values, out var value)
            : StrictEnums.TryParse(enumType, values.Count == 1 ? values[0] : null, out value);
        if (read)
        {
            bindingContext.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }

        var text = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
        bindingContext.ModelState.TryAddModelError(name, text[MessageKey]);
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}

/// <summary>Gives every enum and nullable enum the strict binder; registered once, first, in MVC's options.</summary>
public sealed class StrictEnumModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.UnderlyingOrModelType;
        return type.IsEnum ? new StrictEnumModelBinder(type, context.Metadata.IsReferenceOrNullableType) : null;
    }
}
