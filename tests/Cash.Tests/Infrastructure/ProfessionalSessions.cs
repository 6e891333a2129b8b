using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Cash.Tests.Infrastructure;

/// <summary>A professional made for a test, with what it takes to sign in as them: password and authenticator key.</summary>
public sealed record TestProfessional(
    Guid Id,
    string Email,
    string DisplayName,
    string Password,
    string AuthenticatorKey,
    ProRole Role,
    int? PartnerServiceId)
{
    /// <summary>The code the person's authenticator app shows now.</summary>
    public string CurrentCode() => new Totp(Base32Encoding.ToBytes(AuthenticatorKey)).ComputeTotp();
}

/// <summary>
/// Signing in to the professionals' space through the front door, as a browser does: the sign-in
/// form, then the authenticator code, with cookies kept and antiforgery tokens read from each form.
/// </summary>
/// <remarks>
/// The session cookies are <c>Secure</c> and <c>__Host-</c>, so browsers talk to the app over
/// https. A TOTP code is accepted once per 30-second step and account: sign each browser in with
/// a fresh person (<see cref="SignInAsAsync"/>); signing the same person in again within one step
/// waits for the next code.
/// </remarks>
public static class ProfessionalSessions
{
    public static readonly Uri SecureAddress = new("https://localhost");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// A new, active account with two-factor on, created directly (as an accepted invitation leaves it),
    /// for <paramref name="role"/> in the service with <paramref name="serviceSlug"/> (none for an administrator without one).
    /// </summary>
    public static async Task<TestProfessional> CreateProfessionalAsync(this WebApplicationFactory<Program> app, ProRole role, string? serviceSlug = null, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        int? serviceId = null;
        if (serviceSlug is not null)
        {
            serviceId = await services.GetRequiredService<CashDbContext>().PartnerServices
                .Where(s => s.Slug == serviceSlug)
                .Select(s => (int?)s.Id)
                .SingleOrDefaultAsync(Cancellation) ?? throw new ArgumentException($"No service '{serviceSlug}'.", nameof(serviceSlug));
        }

        var unique = Guid.NewGuid().ToString("N");
        var email = $"{role.ToString().ToLowerInvariant()}-{unique[..12]}@example.be";
        var password = $"phrase de passe {unique}";
        var name = displayName ?? $"{role} {unique[..6]}";
        var users = services.GetRequiredService<UserManager<Professional>>();
        var person = new Professional(email, name, role, serviceId);
        Succeed(await users.CreateAsync(person, password));
        Succeed(await users.ResetAuthenticatorKeyAsync(person));
        var key = await users.GetAuthenticatorKeyAsync(person) ?? throw new InvalidOperationException("No authenticator key.");
        Succeed(await users.SetTwoFactorEnabledAsync(person, true));
        return new TestProfessional(person.Id, email, name, password, key, role, serviceId);
    }

    /// <summary>A browser of its own: cookies kept, redirects not followed, over https.</summary>
    public static HttpClient NewBrowser(this WebApplicationFactory<Program> app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = SecureAddress,
        });
    }

    /// <summary>A fresh person with <paramref name="role"/>, signed in in a browser of their own.</summary>
    public static async Task<(HttpClient Browser, TestProfessional Person)> SignInAsAsync(this WebApplicationFactory<Program> app, ProRole role, string? serviceSlug = null)
    {
        var person = await app.CreateProfessionalAsync(role, serviceSlug);
        return (await app.SignInAsync(person), person);
    }

    /// <summary>Signs <paramref name="person"/> in with password and authenticator code, in a new browser.</summary>
    public static async Task<HttpClient> SignInAsync(this WebApplicationFactory<Program> app, TestProfessional person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var browser = app.NewBrowser();
        try
        {
            using var password = await browser.PostFormAsync("/pro/connexion", new Dictionary<string, string?>
            {
                ["Input.Email"] = person.Email,
                ["Input.Password"] = person.Password,
            });
            AssertRedirect(password, "/pro/connexion/code", "the password step");

            for (var attempt = 0; ; attempt++)
            {
                using var code = await browser.PostFormAsync("/pro/connexion/code", new Dictionary<string, string?> { ["Input.Code"] = person.CurrentCode() });
                if (code.StatusCode == HttpStatusCode.OK && attempt == 0)
                {
                    // This step's code was already used for this person: wait for the next one, as a person would.
                    await Task.Delay(TimeUntilNextStep(), Cancellation);
                    continue;
                }

                AssertRedirect(code, "/pro", "the code step");
                return browser;
            }
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }

    /// <summary>Types the password again on <c>/pro/confirmer</c>, as sensitive pages ask after 10 minutes.</summary>
    public static async Task ConfirmPasswordAsync(this HttpClient browser, TestProfessional person, string returnTo = "/pro")
    {
        ArgumentNullException.ThrowIfNull(person);
        using var response = await browser.PostFormAsync($"/pro/confirmer?retour={Uri.EscapeDataString(returnTo)}", new Dictionary<string, string?> { ["Input.Password"] = person.Password });
        AssertRedirect(response, returnTo, "the password confirmation");
    }

    /// <summary>Gets a page that must answer 200, and parses it.</summary>
    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient browser, string url)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var response = await browser.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}, not 200.");
        return await response.ReadPageAsync();
    }

    /// <summary>
    /// Opens <paramref name="url"/>, fills in its form as a browser would (every control keeps its
    /// current value, <paramref name="fields"/> replace theirs; a null value removes the field, as
    /// unticking a box does) and submits it with its antiforgery token, to the form's own action.
    /// </summary>
    /// <remarks>
    /// The form is the one in <c>main</c> that has the most of <paramref name="fields"/>, counting
    /// twice a control that already holds the given value (so a row's hidden id picks that row's
    /// form); <paramref name="formSelector"/> picks it explicitly.
    /// </remarks>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string url, IReadOnlyDictionary<string, string?> fields, string? formSelector = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await browser.GetPageAsync(url);
        var form = FindForm(page, fields, formSelector);
        var values = ValuesOf(form);
        foreach (var (name, value) in fields)
        {
            values.RemoveAll(v => v.Key == name);
            if (value is not null)
            {
                values.Add(new(name, value));
            }
        }

        var action = form.GetAttribute("action");
        var target = new Uri(new Uri(SecureAddress, url), string.IsNullOrEmpty(action) ? url : action);
        using var content = new FormUrlEncodedContent(values);
        var response = await browser.PostAsync(target, content, Cancellation);
        await response.Content.LoadIntoBufferAsync(Cancellation);
        return response;
    }

    /// <summary>Posts <paramref name="fields"/> as they are, with no token unless given: for checking what a forged request gets.</summary>
    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient browser, string url, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var content = new FormUrlEncodedContent(fields);
        var response = await browser.PostAsync(new Uri(url, UriKind.Relative), content, Cancellation);
        await response.Content.LoadIntoBufferAsync(Cancellation);
        return response;
    }

    /// <summary>The antiforgery token a page hands out (valid for this browser and its signed-in person).</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient browser, string url)
    {
        var page = await browser.GetPageAsync(url);
        return page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{url} has no antiforgery token.");
    }

    public static void AssertRedirect(HttpResponseMessage response, string expectedPath, string what = "the request")
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location;
        var path = location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
        Assert.True(
            response.StatusCode == HttpStatusCode.Redirect && path == expectedPath,
            $"{what} answered {(int)response.StatusCode} to {response.Headers.Location}, not a redirect to {expectedPath}.");
    }

    private static IElement FindForm(IHtmlDocument page, IReadOnlyDictionary<string, string?> fields, string? formSelector)
    {
        if (formSelector is not null)
        {
            return page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form '{formSelector}' on the page.");
        }

        var forms = page.QuerySelectorAll("main form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)).ToList();
        if (forms.Count == 0)
        {
            throw new InvalidOperationException($"No form to post on {page.Url}: {page.Title}.");
        }

        return forms
            .Select((form, index) => (form, index, score: fields.Sum(f => Score(form, f.Key, f.Value))))
            .OrderByDescending(f => f.score)
            .ThenBy(f => f.index)
            .First().form;
    }

    private static int Score(IElement form, string name, string? value)
    {
        var controls = form.QuerySelectorAll("[name]").Where(c => c.GetAttribute("name") == name).ToList();
        return controls.Count == 0 ? 0 : controls.Any(c => c.GetAttribute("value") == value) ? 2 : 1;
    }

    private static List<KeyValuePair<string, string>> ValuesOf(IElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var control in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            if (control.HasAttribute("disabled"))
            {
                continue;
            }

            var name = control.GetAttribute("name")!;
            switch (control)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        values.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button" or "image" or "reset" or "file":
                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement textArea:
                    values.Add(new(name, textArea.Value));
                    break;
                case IHtmlSelectElement select:
                    var chosen = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                    if (chosen is not null)
                    {
                        values.Add(new(name, chosen.Value));
                    }

                    break;
            }
        }

        return values;
    }

    private static TimeSpan TimeUntilNextStep()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return TimeSpan.FromMilliseconds(30_000 - (now % 30_000) + 200);
    }

    private static void Succeed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }
}
