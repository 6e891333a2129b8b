using Cash.Web.Authorization;
using Cash.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Cash.Web.Security;

/// <summary>
/// Sensitive actions (inviting, changing a role, exporting) need the password typed again within
/// the last minutes (ASVS 3.7.1): a session left open on a shared computer is not enough.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RecentSignInRequiredAttribute : Attribute, IAsyncPageFilter
{
    public const string ConfirmPath = SecurityRegistration.ProfessionalArea + "/confirmer";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var sessionId = http.User.SessionId();
        var session = sessionId is null ? null : await http.RequestServices.GetRequiredService<CashDbContext>().UserSessions.FindAsync([sessionId.Value], http.RequestAborted);
        if (session is null || !session.WasReauthenticatedRecently(now))
        {
            var back = http.Request.Path + http.Request.QueryString;
            context.Result = new RedirectResult($"{ConfirmPath}?retour={Uri.EscapeDataString(back)}");
            return;
        }

        await next();
    }
}
