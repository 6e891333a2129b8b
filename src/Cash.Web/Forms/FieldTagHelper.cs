using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Forms;

/// <summary>
/// One form field after the GOV.UK pattern: label, optional hint, the error message above the
/// input, <c>aria-describedby</c> and <c>aria-invalid</c> wired, and what the person typed kept
/// (passwords excepted). <c>&lt;cash-field for="Input.Email" label="…" type="email" autocomplete="username" /&gt;</c>
/// </summary>
[HtmlTargetElement("cash-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder, IStringLocalizer<Ui> text) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = default!;

    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    /// <summary>text, email, password, tel, number… or <c>textarea</c>.</summary>
    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public string? Inputmode { get; set; }

    public int? Maxlength { get; set; }

    /// <summary>A CSS width class for short inputs, e.g. <c>input-short</c>.</summary>
    public string? Width { get; set; }

    public bool Required { get; set; }

    /// <summary>The id of a <c>&lt;datalist&gt;</c> of suggestions for this input.</summary>
    public string? List { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var error = state?.Errors.Count > 0 ? state.Errors[0].ErrorMessage : null;
        var value = Type == "password" ? "" : state?.AttemptedValue ?? Convert.ToString(For.Model, CultureInfo.CurrentCulture) ?? "";

        var describedBy = new List<string>();
        var html = new HtmlContentBuilder();
        html.AppendHtml($"<label class=\"label\" for=\"{id}\">{Encode(Label)}</label>");
        if (!string.IsNullOrEmpty(Hint))
        {
            html.AppendHtml($"<p class=\"hint\" id=\"{id}-hint\">{Encode(Hint)}</p>");
            describedBy.Add($"{id}-hint");
        }

        if (error is not null)
        {
            html.AppendHtml($"<p class=\"field-error\" id=\"{id}-error\"><span class=\"visually-hidden\">{Encode(ErrorPrefix)}</span>{Encode(error)}</p>");
            describedBy.Add($"{id}-error");
        }

        var attributes = new List<string> { $"id=\"{id}\"", $"name=\"{Encode(name)}\"" };
        if (Type != "textarea")
        {
            attributes.Add($"type=\"{Encode(Type)}\"");
        }

        AddIf(attributes, "autocomplete", Autocomplete);
        AddIf(attributes, "inputmode", Inputmode);
        AddIf(attributes, "list", Type == "textarea" ? null : List);
        AddIf(attributes, "maxlength", Maxlength?.ToString(CultureInfo.InvariantCulture));
        AddIf(attributes, "class", string.Join(' ', new[] { Type == "textarea" ? "textarea" : "input", Width, error is null ? null : "input-error" }.Where(c => c is not null)));
        AddIf(attributes, "aria-describedby", describedBy.Count > 0 ? string.Join(' ', describedBy) : null);
        if (error is not null)
        {
            attributes.Add("aria-invalid=\"true\"");
        }

        if (Required)
        {
            attributes.Add("required");
        }

        // HTML drops one line break right after <textarea>: one is written, so a text that starts with a line break keeps it.
        html.AppendHtml(Type == "textarea"
            ? $"<textarea {string.Join(' ', attributes)} rows=\"6\">\n{Encode(value)}</textarea>"
            : $"<input {string.Join(' ', attributes)} value=\"{Encode(value)}\">");

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", error is null ? "field" : "field field-has-error");
        output.Content.SetHtmlContent(html);
    }

    /// <summary>Read by screen readers before the message ("Erreur :").</summary>
    private string ErrorPrefix => text["Form.ErrorPrefix"];

    private string Encode(string value) => encoder.Encode(value);

    private void AddIf(List<string> attributes, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            attributes.Add($"{name}=\"{Encode(value)}\"");
        }
    }
}
