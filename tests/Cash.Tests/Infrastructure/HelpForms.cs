using System.Net;
using AngleSharp.Html.Dom;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Pages.Help;

namespace Cash.Tests.Infrastructure;

/// <summary>What a young person does on /aide and /suivi, from a browser of their own.</summary>
public static class HelpForms
{
    /// <summary>A complete anonymous request to AMO « Le Déclic »; tests override what they check.</summary>
    public static Dictionary<string, string?> Valid(string text = "Depuis la rentrée, deux élèves de ma classe m’insultent tous les jours.") => new()
    {
        ["Input.Service"] = "le-declic",
        ["Input.Role"] = "YoungTarget",
        ["Input.AgeBand"] = "From13To15",
        ["Input.Forms"] = "Verbal",
        ["Input.Text"] = text,
        ["Input.Since"] = "Weeks",
        ["Input.Wishes"] = "Listening",
        ["Input.Channel"] = "Receipt",
    };

    /// <summary>Sends the form and returns the page that answers.</summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> SendAsync(this HttpClient browser, IReadOnlyDictionary<string, string?> fields, string url = "/aide")
    {
        var response = await browser.PostFormAsync(url, fields, "form.help-form");
        return (response, await response.ReadPageAsync());
    }

    /// <summary>The 16 digits of the receipt on a page, or null when there is none.</summary>
    public static string? ReceiptOn(IHtmlDocument page)
    {
        var label = page.QuerySelector(".receipt-code .receipt-digits")?.TextContent;
        return label is null ? null : ReceiptCodes.Normalize(label.Trim());
    }

    /// <summary>Sends a valid request and returns its receipt code.</summary>
    public static async Task<string> SendValidAsync(this HttpClient browser, string text, Action<Dictionary<string, string?>>? change = null)
    {
        var fields = Valid(text);
        change?.Invoke(fields);
        var (response, page) = await browser.SendAsync(fields);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"/aide answered {response.StatusCode}.");
        }

        return ReceiptOn(page) ?? throw new InvalidOperationException("No receipt: " + page.QuerySelector(".error-summary")?.TextContent);
    }

    /// <summary>Types the code on /suivi and returns the answer.</summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> OpenThreadAsync(this HttpClient browser, string code)
    {
        var response = await browser.PostFormAsync("/suivi", new Dictionary<string, string?> { ["Code"] = code, ["action"] = "ouvrir" });
        return (response, await response.ReadPageAsync());
    }

    /// <summary>Posts one of the thread's forms (reply, close, consent) with the ticket of <paramref name="thread"/>.</summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> ActInThreadAsync(this HttpClient browser, IHtmlDocument thread, string action, string? reply = null)
    {
        var ticket = thread.QuerySelector("input[name='Ticket']")?.GetAttribute("value") ?? throw new InvalidOperationException("No ticket on the page.");
        var token = thread.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") ?? "";
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Ticket", ticket),
            new("action", action),
            new("__RequestVerificationToken", token),
        };
        if (reply is not null)
        {
            fields.Add(new("Reply", reply));
            fields.Add(new("MessageKey", thread.QuerySelector("input[name='MessageKey']")?.GetAttribute("value") ?? ""));
        }

        using var content = new FormUrlEncodedContent(fields);
        var response = await browser.PostAsync(new Uri("/suivi", UriKind.Relative), content, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return (response, await response.ReadPageAsync());
    }
}
