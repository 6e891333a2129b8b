using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Cash.Web.Forms;

/// <summary>What the views ask of the model state about one field.</summary>
public static class ModelStateErrors
{
    /// <summary>The first error filed under <paramref name="key"/> (<c>Input.Role</c>), or null: the message shown above the field.</summary>
    public static string? ErrorOf(this ModelStateDictionary modelState, string key)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
    }
}
