using System.Net;
using AngleSharp.Html.Dom;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Pages.FollowUp;
using Cash.Web.Pages.Help;
using Cash.Web.Security;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Hundreds of hostile strings (<see cref="HostileStrings"/>) go into every field of /aide (the text
/// alone, the other fields in batches by how the server treats them) and into the code, ticket,
/// action and reply of /suivi: never a server error; what is refused is explained and kept; what is
/// accepted is stored exactly as sent (but trimmed, and with U+FFFD for lone surrogates, which UTF-8
/// cannot carry) and comes back as inert text on the service's page and on the sender's thread. A
/// value with a NUL is refused whole by ASP.NET Core's form reader: the plain 400 page, nothing stored.
/// </summary>
public abstract class HandlingHostileInputTests(CashApp app)
{
    private const string Service = "le-declic";

    /// <summary>Senders working side by side: the corpus is long, the machine has two cores.</summary>
    private const int Senders = 3;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static readonly string[] ChoiceFields = ["Input.AgeBand", "Input.Forms", "Input.Since", "Input.Wishes", "Input.Channel"];

    /// <summary>
    /// The form's other fields, batched by what the server does with a value it does not expect, so
    /// that every string reaches every field in five posts rather than fifteen: fields that refuse it
    /// (with an error each, all at once), the choices (a value that is not one of them is an error
    /// each, a blank one no answer), the values the page writes itself (a forged one reads as
    /// unticked or as no key: the request goes through), and the two contact fields, each alone
    /// because the reply channel picks which is read.
    /// </summary>
    private static readonly (string Batch, string[] Fields)[] OtherFields =
    [
        ("refusing", ["Input.Service", "Input.Role", "Input.School", "Input.Website"]),
        ("choosing", ChoiceFields),
        ("ignoring", ["Input.Online", "Input.MayContactSchool", "Input.MayForward", "Input.SubmissionKey"]),
        ("email", ["Input.Email"]),
        ("phone", ["Input.Phone"]),
    ];

    private static readonly (string Batch, string Id)[] ContactInputs = [("email", "#Input_Email"), ("phone", "#Input_Phone")];

    [Fact]
    public void TheCorpusHasMoreThanTwoHundredStringsOfEveryKind()
    {
        Assert.True(HostileStrings.All.Count >= 200, $"{HostileStrings.All.Count} strings.");
        Assert.Equal(HostileStrings.All.Count, HostileStrings.All.Select(h => h.Name).Distinct().Count());
        string[] kinds = ["script", "handler", "breaker", "sql", "long", "word", "bidi", "emoji", "invisible", "surrogate", "control", "normalization", "format", "path", "crlf", "json-xml"];
        Assert.All(kinds, kind => Assert.Contains(HostileStrings.All, h => h.Kind == kind));
        Assert.Contains(HostileStrings.All, h => h.Value.Length == 100_000);
        Assert.Contains(HostileStrings.All, h => h.Value.Length == HostileStrings.MaxTextLength + 1);
        Assert.Contains(HostileStrings.All, h => h.Value.Contains('\0', StringComparison.Ordinal));

        // The one documented change on the way: UTF-8 has no lone surrogates, so they arrive as U+FFFD.
        Assert.Equal("a\uFFFDb", HostileStrings.AsSent("a\uD83Db"));
        Assert.Equal("👨‍👩‍👧‍👦", HostileStrings.AsSent("👨‍👩‍👧‍👦"));
    }

    [Theory]
    [InlineData("<p class=\"request-text\"><img src=x onerror=alert(1)></p>")]
    [InlineData("<p class=\"request-text\"><script>alert(1)</script></p>")]
    [InlineData("<p class=\"request-text\" onclick=\"alert(1)\">x</p>")]
    [InlineData("<p class=\"request-text\"><a href=\"javascript:alert(1)\">x</a></p>")]
    [InlineData("<p class=\"request-text\" title=\"\" autofocus>x</p>")]
    public async Task TheInertCheckCatchesInjectedMarkup(string injected)
    {
        var harmless = await Visits.ParseAsync("<html><head><title>t</title><script src=\"/js/site.js\"></script></head><body><main><p class=\"request-text\">x</p><a href=\"/aide\">a</a></main></body></html>");
        var markup = new InertMarkup().Learn(harmless);
        markup.AssertInert(harmless, "harmless");

        var page = await Visits.ParseAsync(harmless.DocumentElement.OuterHtml.Replace("<p class=\"request-text\">x</p>", injected, StringComparison.Ordinal));

        Assert.ThrowsAny<Exception>(() => markup.AssertInert(page, "injected"));
    }

    [Fact]
    public async Task EveryHostileTextIsStoredExactlyAndShownAsText()
    {
        var (pro, _) = await app.SignInAsAsync(ProRole.Member, Service);
        var markup = await LearnAsync(pro);
        var cipher = app.Services.GetRequiredService<FieldCipher>();

        await InParallelAsync(HostileStrings.All, async (visitor, hostile) =>
        {
            var sent = RawForm.Fields(HelpForms.Valid(hostile.Value)).ToList();
            var (response, page) = await visitor.Help.SendAsync(sent);

            Assert.True((int)response.StatusCode < 500, $"{hostile}: {(int)response.StatusCode}");
            if (AssertRefusedWhole(hostile, response, page) || AssertRefusedAsTooLarge(sent, response, page))
            {
                return;
            }

            markup.AssertInert(page, $"/aide after {hostile}");
            var expected = hostile.Sent.Trim();
            var code = HelpForms.ReceiptOn(page);
            if (expected.Length is 0 or > HostileStrings.MaxTextLength)
            {
                Assert.True(code is null, $"{hostile} was accepted.");
                Assert.Equal(["#Input_Text"], page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
                if (expected.Length > 0)
                {
                    Assert.True(HostileStrings.AsShown(hostile.Sent) == page.QuerySelector("#Input_Text")?.TextContent, $"{hostile} was not kept as typed.");
                }

                return;
            }

            Assert.True(code is not null, $"{hostile} was refused: {page.QuerySelector(".error-summary")?.TextContent}");
            var stored = await app.InDatabaseAsync(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.ReceiptId == ReceiptCodes.IdOf(code), Cancellation));
            Assert.True(expected == await cipher.DecryptAsync(stored.Text, HelpColumns.Text(stored.Id), Cancellation), $"{hostile} was not stored exactly.");

            var shown = HostileStrings.AsShown(expected);
            var detail = await pro.GetPageAsync($"/pro/demandes/{stored.Id}");
            markup.AssertInert(detail, $"/pro/demandes with {hostile}");
            Assert.True(shown == detail.QuerySelector("#request-text")?.TextContent, $"{hostile} is not shown as typed to the service.");

            var (opened, thread) = await visitor.FollowUp.SendAsync([new("Code", code), new("action", FollowUpModel.Open)]);
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            markup.AssertInert(thread, $"/suivi with {hostile}");
            Assert.True(shown == thread.QuerySelector(".thread .request-text")?.TextContent, $"{hostile} is not shown as typed to the sender.");
        });
    }

    [Fact]
    public async Task EveryHostileValueInTheOtherFieldsIsRefusedPlainlyOrIgnored()
    {
        var (pro, _) = await app.SignInAsAsync(ProRole.Member, Service);
        var markup = await LearnAsync(pro);
        var cipher = app.Services.GetRequiredService<FieldCipher>();
        var before = await CountAsync();
        var accepted = 0;
        var cases = OtherFields.SelectMany(batch => HostileStrings.All.Select(hostile => (batch.Batch, batch.Fields, Hostile: hostile))).ToList();

        await InParallelAsync(cases, async (visitor, item) =>
        {
            var fields = HelpForms.Valid($"Champs {item.Batch}, {item.Hostile}");
            foreach (var field in item.Fields)
            {
                fields[field] = item.Hostile.Value;
            }

            fields["Input.Channel"] = item.Batch switch
            {
                "email" or "refusing" => "Email",
                "phone" => "Phone",
                _ => fields["Input.Channel"],
            };
            if (item.Batch == "refusing")
            {
                // Both contact fields come back in the form, whichever the channel: both are typed, both are kept.
                fields["Input.Email"] = item.Hostile.Value;
                fields["Input.Phone"] = item.Hostile.Value;
            }

            var sent = RawForm.Fields(fields).ToList();
            var (response, page) = await visitor.Help.SendAsync(sent);

            var what = $"{item.Hostile} in the {item.Batch} fields";
            Assert.True((int)response.StatusCode < 500, $"{what}: {(int)response.StatusCode}");
            if (AssertRefusedWhole(item.Hostile, response, page) || AssertRefusedAsTooLarge(sent, response, page))
            {
                return;
            }

            markup.AssertInert(page, $"/aide after {what}");
            var code = HelpForms.ReceiptOn(page);
            if (code is null)
            {
                Assert.True(item.Batch != "ignoring", $"{what}: refused {page.QuerySelector(".error-summary")?.TextContent}");
                Assert.True(page.QuerySelector(".error-summary a") is not null, $"{what} was refused without saying why.");
                if (item.Batch is "choosing")
                {
                    // Not one of the choices: each choice says so, in page order, and nothing else is wrong.
                    Assert.True(!string.IsNullOrWhiteSpace(item.Hostile.Sent), $"{what}: a blank choice was refused.");
                    Assert.Equal(ChoiceFields.Select(f => "#" + f.Replace('.', '_')), page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
                    Assert.Equal(Translations.Ui("Form.Choice.Unknown", "fr"), page.QuerySelector("#Input_AgeBand-error")?.TextContent[Translations.Ui("Form.ErrorPrefix", "fr").Length..]);
                }

                if (item.Batch is "refusing")
                {
                    var links = page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
                    var trapped = !string.IsNullOrWhiteSpace(item.Hostile.Sent);
                    Assert.True(links.Contains("#Input_Role") && links.Contains("#Input_Website") == trapped, $"{what}: {string.Join(", ", links)}");
                }

                foreach (var (batch, id) in ContactInputs.Where(c => item.Batch == c.Batch || item.Batch == "refusing"))
                {
                    Assert.True(HostileStrings.AsShown(item.Hostile.Sent) == page.QuerySelector(id)?.GetAttribute("value"), $"{what} was not kept as typed in {id}.");
                }

                return;
            }

            Assert.True(item.Batch != "refusing", $"{what} was accepted.");
            Interlocked.Increment(ref accepted);
            var stored = await app.InDatabaseAsync(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.ReceiptId == ReceiptCodes.IdOf(code), Cancellation));
            if (item.Batch == "choosing")
            {
                // Only a blank choice goes through: it is no answer.
                Assert.True(string.IsNullOrWhiteSpace(item.Hostile.Sent), $"{what} was accepted.");
                Assert.Equal((AgeBand.Unknown, BullyingForm.None, Duration.Unknown, HelpWish.None, ReplyChannel.Receipt), (stored.AgeBand, stored.Forms, stored.Since, stored.Wishes, stored.ReplyChannel));
                Assert.Null(stored.Contact);
                return;
            }

            if (item.Batch == "ignoring")
            {
                // A box is ticked only by what a browser sends for it; the choices are the form's own.
                Assert.Equal((AgeBand.From13To15, BullyingForm.Verbal, Duration.Weeks, HelpWish.Listening, ReplyChannel.Receipt), (stored.AgeBand, stored.Forms, stored.Since, stored.Wishes, stored.ReplyChannel));
                var ticked = bool.TryParse(item.Hostile.Sent, out var value) && value;
                Assert.True((ticked, ticked, ticked) == (stored.HappensOnline, stored.MayContactSchool, stored.MayForward), $"{what}: boxes {stored.HappensOnline} {stored.MayContactSchool} {stored.MayForward}");
                Assert.Null(stored.Contact);
                return;
            }

            // A strange but valid address (a quoted local part may hold markup) is stored and shown as text.
            var contactStored = await cipher.DecryptAsync(stored.Contact!, HelpColumns.Contact(stored.Id), Cancellation);
            Assert.True(item.Hostile.Sent.Trim() == contactStored, $"{what} was not stored exactly.");
            var detail = await pro.GetPageAsync($"/pro/demandes/{stored.Id}");
            markup.AssertInert(detail, $"/pro/demandes with {what}");
            Assert.True(HostileStrings.AsShown(contactStored) == detail.QuerySelector(".summary-list dd.break-anywhere")?.TextContent, $"{what} is not shown as typed.");
        });

        // Nothing half-saved: one request per receipt shown, none for a refusal.
        Assert.Equal(before + accepted, await CountAsync());
    }

    [Fact]
    public async Task HostileCodesTicketsAndActionsOnTheFollowUpPageOpenNothing()
    {
        var (pro, _) = await app.SignInAsAsync(ProRole.Member, Service);
        var markup = await LearnAsync(pro);
        using var owner = app.NewBrowser();
        var (_, thread) = await owner.OpenThreadAsync(await owner.SendValidAsync("Fil pour les actions " + Guid.NewGuid()));
        var ticket = thread.QuerySelector("input[name='Ticket']")!.GetAttribute("value")!;
        var cases = HostileStrings.All.SelectMany(h => new[] { ("Code", h), ("Ticket", h), ("action", h) }).ToList();

        await InParallelAsync(cases, async (visitor, item) =>
        {
            var (field, hostile) = item;
            List<KeyValuePair<string, string>> fields = field switch
            {
                "Code" => [new("Code", hostile.Value), new("action", FollowUpModel.Open)],

                // A forged ticket: the draft reply waits in the code form, as typed.
                "Ticket" => [new("Ticket", hostile.Value), new("action", FollowUpModel.Answer), new("Reply", hostile.Value), new("MessageKey", hostile.Value)],
                _ => [new("Ticket", ticket), new("action", hostile.Value)],
            };
            var (response, page) = await visitor.FollowUp.SendAsync(fields);

            var what = $"{hostile} in {field}";
            if (AssertRefusedWhole(hostile, response, page) || AssertRefusedAsTooLarge(fields, response, page))
            {
                return;
            }

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode}");
            markup.AssertInert(page, $"/suivi after {what}");
            if (field != "action")
            {
                Assert.True(page.QuerySelector(".thread") is null, $"{what} opened a thread.");
            }

            if (field == "Ticket" && hostile.Sent.Trim().Length > 0)
            {
                Assert.True(HostileStrings.AsShown(hostile.Sent) == page.QuerySelector("input[name='Reply']")?.GetAttribute("value"), $"{what}: the draft was not kept.");
            }
        });
    }

    [Fact]
    public async Task EveryHostileReplyIsStoredExactlyAndShownAsTextToBothSides()
    {
        var (pro, _) = await app.SignInAsAsync(ProRole.Member, Service);
        var markup = await LearnAsync(pro);
        var cipher = app.Services.GetRequiredService<FieldCipher>();

        // A thread per slice of the corpus, so no page grows to hundreds of long messages.
        foreach (var slice in HostileStrings.All.Chunk(40))
        {
            using var sender = app.NewBrowser();
            var code = await sender.SendValidAsync("Fil hostile " + Guid.NewGuid());
            var (_, thread) = await sender.OpenThreadAsync(code);
            var ticket = thread.QuerySelector("input[name='Ticket']")!.GetAttribute("value")!;
            var request = await app.InDatabaseAsync(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.ReceiptId == ReceiptCodes.IdOf(code), Cancellation));
            var replies = new System.Collections.Concurrent.ConcurrentBag<string>();

            await InParallelAsync(slice, async (visitor, hostile) =>
            {
                List<KeyValuePair<string, string>> sent =
                    [new("Ticket", ticket), new("action", FollowUpModel.Answer), new("Reply", hostile.Value), new("MessageKey", Guid.NewGuid().ToString())];
                var (response, page) = await visitor.FollowUp.SendAsync(sent);

                if (AssertRefusedWhole(hostile, response, page) || AssertRefusedAsTooLarge(sent, response, page))
                {
                    return;
                }

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{hostile}: {(int)response.StatusCode}");
                markup.AssertInert(page, $"/suivi after replying {hostile}");
                var expected = hostile.Sent.Trim();
                if (expected.Length is 0 or > HostileStrings.MaxTextLength)
                {
                    Assert.Equal(["#Reply"], page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
                    return;
                }

                Assert.True(page.QuerySelector(".notice p") is not null, $"{hostile} was not taken: {page.QuerySelector(".error-summary")?.TextContent}");
                replies.Add(expected);
            });

            var stored = new List<string>();
            foreach (var message in await app.InDatabaseAsync(db => db.HelpMessages.AsNoTracking().Where(m => m.HelpRequestId == request.Id).ToListAsync(Cancellation)))
            {
                stored.Add(await cipher.DecryptAsync(message.Body, HelpColumns.MessageBody(message), Cancellation));
            }

            Assert.Equal(replies.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
            var shown = replies.Select(HostileStrings.AsShown).Order(StringComparer.Ordinal).ToList();

            var detail = await pro.GetPageAsync($"/pro/demandes/{request.Id}");
            markup.AssertInert(detail, "/pro/demandes with hostile replies");
            Assert.Equal(shown, detail.QuerySelectorAll(".thread .request-text").Select(m => m.TextContent).Order(StringComparer.Ordinal));

            var (_, again) = await sender.OpenThreadAsync(code);
            markup.AssertInert(again, "/suivi with hostile replies");
            Assert.Equal(shown, again.QuerySelectorAll(".thread .request-text").Skip(1).Select(m => m.TextContent).Order(StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// A value with a NUL never reaches the page (see <see cref="Hostile.BreaksTheForm"/>): the person
    /// gets the plain "bad request" page, with its way on, and nothing is stored. True when so.
    /// </summary>
    private static bool AssertRefusedWhole(Hostile hostile, HttpResponseMessage response, IHtmlDocument page)
    {
        if (!hostile.BreaksTheForm)
        {
            return false;
        }

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{hostile}: {(int)response.StatusCode}");
        Assert.Equal(Translations.Ui("Error.Other.Title", "fr"), page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("main a[href='/services']"));
        return true;
    }

    /// <summary>
    /// A body past the site's cap (the longest values, a hundred thousand characters) is refused
    /// whole before any field is read: 413 and the page that says so. Anything smaller is not.
    /// </summary>
    private static bool AssertRefusedAsTooLarge(IEnumerable<KeyValuePair<string, string>> fields, HttpResponseMessage response, IHtmlDocument page)
    {
        using var content = RawForm.Encode(fields);
        var size = content.Headers.ContentLength ?? 0;
        if (response.StatusCode != HttpStatusCode.RequestEntityTooLarge)
        {
            Assert.True(size <= RequestLimits.DefaultMaxBodyBytes, $"A body of {size} bytes was not refused: {(int)response.StatusCode}.");
            return false;
        }

        // The form's token adds a few hundred bytes to what is counted here.
        Assert.True(size > RequestLimits.DefaultMaxBodyBytes - 1024, $"A body of {size} bytes was refused as too large.");
        Assert.Equal(Translations.Ui("Error.TooLarge.Title", "fr"), page.QuerySelector("h1")?.TextContent.Trim());
        return true;
    }

    /// <summary>What the pages hold with harmless input: every page the hostile values may come back on, in each of its states.</summary>
    private async Task<InertMarkup> LearnAsync(HttpClient pro)
    {
        var markup = new InertMarkup();
        using var browser = app.NewBrowser();
        markup.Learn(await browser.GetPageAsync("/aide"));
        var empty = HelpForms.Valid("");
        empty["Input.School"] = RequestFormModel.OutsideSchool;
        markup.Learn((await browser.SendAsync(empty)).Page);
        var refused = HelpForms.Valid("");
        refused["Input.Role"] = null;
        refused["Input.Service"] = "inconnu";
        refused["Input.School"] = "inconnue";
        refused["Input.Channel"] = "Email";
        refused["Input.Email"] = "pas-une-adresse";
        refused["Input.Website"] = "http://robot.example";
        refused["Input.Online"] = "peut-être";
        markup.Learn((await browser.SendAsync(refused)).Page);
        refused["Input.Channel"] = "Phone";
        refused["Input.Phone"] = "pas un numéro";
        markup.Learn((await browser.SendAsync(refused)).Page);

        var (_, receipt) = await browser.SendAsync(HelpForms.Valid("Une demande ordinaire"));
        markup.Learn(receipt);
        var code = HelpForms.ReceiptOn(receipt)!;
        markup.Learn(await browser.GetPageAsync("/suivi"));
        markup.Learn((await browser.OpenThreadAsync("1234")).Page);
        var (_, thread) = await browser.OpenThreadAsync(code);
        markup.Learn(thread);
        markup.Learn((await browser.ActInThreadAsync(thread, FollowUpModel.Answer, " ")).Page);
        var (_, replied) = await browser.ActInThreadAsync(thread, FollowUpModel.Answer, "Une réponse ordinaire");
        markup.Learn(replied);
        markup.Learn((await browser.ActInThreadAsync(replied, FollowUpModel.AskToClose)).Page);
        var expired = await Visits.ParseAsync(thread.DocumentElement.OuterHtml);
        expired.QuerySelector("input[name='Ticket']")!.SetAttribute("value", "périmé");
        markup.Learn((await browser.ActInThreadAsync(expired, FollowUpModel.Answer, "Un brouillon")).Page);

        var id = await app.InDatabaseAsync(db => db.HelpRequests.Where(r => r.ReceiptId == ReceiptCodes.IdOf(code)).Select(r => r.Id).SingleAsync(Cancellation));
        markup.Learn(await pro.GetPageAsync($"/pro/demandes/{id}"));
        var contact = await browser.SendValidAsync("Avec une adresse", f => (f["Input.Channel"], f["Input.Email"]) = ("Email", "jeune@example.be"));
        var withContact = await app.InDatabaseAsync(db => db.HelpRequests.Where(r => r.ReceiptId == ReceiptCodes.IdOf(contact)).Select(r => r.Id).SingleAsync(Cancellation));
        markup.Learn(await pro.GetPageAsync($"/pro/demandes/{withContact}"));
        return markup;
    }

    /// <summary>Runs <paramref name="work"/> over <paramref name="items"/> from a few visitors at once, each with its own browser and forms.</summary>
    private async Task InParallelAsync<T>(IReadOnlyList<T> items, Func<Visitor, T, Task> work)
    {
        var slices = Enumerable.Range(0, Senders).Select(s => items.Where((_, i) => i % Senders == s).ToList());
        await Task.WhenAll(slices.Select(async slice =>
        {
            using var browser = app.NewBrowser();
            var visitor = new Visitor(await RawForm.OpenAsync(browser, "/aide"), await RawForm.OpenAsync(browser, "/suivi"));
            foreach (var item in slice)
            {
                await work(visitor, item);
            }
        }));
    }

    private Task<int> CountAsync() => app.InDatabaseAsync(db => db.HelpRequests.CountAsync(Cancellation));

    private sealed record Visitor(RawForm Help, RawForm FollowUp);
}

public sealed class HandlingHostileInputOnSqlite(SqliteMailFolderCashApp app) : HandlingHostileInputTests(app), IClassFixture<SqliteMailFolderCashApp>;

public sealed class HandlingHostileInputOnPostgres(PostgresMailFolderCashApp app) : HandlingHostileInputTests(app), IClassFixture<PostgresMailFolderCashApp>;
