using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Cash.Web.Forms;

/// <summary>
/// For a value the page writes itself rather than the person: a checkbox's <c>true</c>, a hidden
/// key (<see cref="Guid"/>). A browser sends that value or nothing, so anything else is a forged post:
/// it reads as the default (unticked — the safe side for a consent —, no key) without a message the
/// person could do nothing about. <c>[ModelBinder(typeof(PageWrittenValueModelBinder))]</c>
/// </summary>
public sealed class PageWrittenValueModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var posted = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (posted == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        var value = posted.Values.Count == 1 ? posted.FirstValue : null;
        var type = bindingContext.ModelMetadata.UnderlyingOrModelType;
        if (type == typeof(bool))
        {
            bindingContext.Result = ModelBindingResult.Success(bool.TryParse(value, out var ticked) && ticked);
        }
        else if (type == typeof(Guid))
        {
            bindingContext.Result = ModelBindingResult.Success(Guid.TryParse(value, out var key) ? key : Guid.Empty);
        }
        else
        {
            throw new InvalidOperationException($"{nameof(PageWrittenValueModelBinder)} reads bool and Guid values, not {type}.");
        }

        return Task.CompletedTask;
    }
}
