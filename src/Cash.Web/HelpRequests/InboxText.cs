using Cash.Web.Domain.Help;
using Cash.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Cash.Web.HelpRequests;

/// <summary>Labels of a request's flag sets, joined in the reader's language.</summary>
public static class InboxText
{
    public static string Forms(IStringLocalizer<ProSpace> text, BullyingForm forms)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = Enum.GetValues<BullyingForm>().Where(f => f != BullyingForm.None && forms.HasFlag(f)).Select(f => text[$"Inbox.Form.{f}"].Value).ToList();
        return names.Count == 0 ? text["Inbox.Form.None"] : string.Join(", ", names);
    }

    public static string Wishes(IStringLocalizer<ProSpace> text, HelpWish wishes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = Enum.GetValues<HelpWish>().Where(w => w != HelpWish.None && wishes.HasFlag(w)).Select(w => text[$"Inbox.Wish.{w}"].Value).ToList();
        return names.Count == 0 ? text["Inbox.Wish.None"] : string.Join(", ", names);
    }
}
