using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.HelpRequests;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// A help request written straight into the database as the public form leaves it, for tests that
/// need one without sending the form: text and contact encrypted, and a real receipt (the app's own
/// <see cref="ReceiptCodes"/>, so the code from <see cref="WithCode"/> opens the thread on /suivi).
/// </summary>
/// <example><c>var id = await app.NewHelpRequest().To("le-declic").Text("…").WithCode(out var code).SaveAsync();</c></example>
public sealed class HelpRequestBuilder(WebApplicationFactory<Program> app)
{
    private readonly List<Action<HelpRequest>> changes = [];
    private string? serviceSlug;
    private string text = "Depuis la rentrée, on se moque de moi à la récré.";
    private string? contact;
    private ReplyChannel channel = ReplyChannel.Receipt;
    private bool mayForward;
    private DateTimeOffset? at;
    private readonly Guid submissionKey = Guid.NewGuid();
    private string? code;

    /// <summary>The service it is sent to; none (the default) leaves it in CASH's triage.</summary>
    public HelpRequestBuilder To(string? slug)
    {
        serviceSlug = slug;
        return this;
    }

    public HelpRequestBuilder Text(string value)
    {
        text = value;
        return this;
    }

    /// <summary>Answers by e-mail at <paramref name="address"/> rather than through the receipt.</summary>
    public HelpRequestBuilder ReplyByEmail(string address)
    {
        (channel, contact) = (ReplyChannel.Email, address);
        return this;
    }

    public HelpRequestBuilder MayForward(bool consent = true)
    {
        mayForward = consent;
        return this;
    }

    /// <summary>When it was sent (default: now).</summary>
    public HelpRequestBuilder At(DateTimeOffset moment)
    {
        at = moment;
        return this;
    }

    /// <summary>A state change made before saving, through the entity's own transitions (escalate, close…).</summary>
    public HelpRequestBuilder Then(Action<HelpRequest> change)
    {
        changes.Add(change);
        return this;
    }

    /// <summary>The receipt code the sender would have been shown, fixed now (on an id that no stored request has).</summary>
    public HelpRequestBuilder WithCode(out string receiptCode)
    {
        receiptCode = Code();
        return this;
    }

    public async Task<Guid> SaveAsync()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        int? serviceId = serviceSlug is null ? null : await db.PartnerServices.Where(s => s.Slug == serviceSlug).Select(s => s.Id).SingleAsync(cancellation);
        var request = new HelpRequest(app.Services.GetRequiredService<ReceiptCodes>().SubmissionKeyHash(submissionKey), serviceId, at ?? DateTimeOffset.UtcNow)
        {
            SenderRole = SenderRole.YoungTarget,
            AgeBand = AgeBand.From13To15,
            Forms = BullyingForm.Verbal | BullyingForm.Cyber,
            HappensOnline = true,
            Since = Duration.Weeks,
            Wishes = HelpWish.Listening,
            ReplyChannel = channel,
            MayForward = mayForward,
        };
        request.Text = await cipher.EncryptAsync(text, HelpColumns.Text(request.Id), cancellation);
        if (contact is not null)
        {
            request.Contact = await cipher.EncryptAsync(contact, HelpColumns.Contact(request.Id), cancellation);
        }

        app.Services.GetRequiredService<ReceiptCodes>().Seal(request, Code());
        foreach (var change in changes)
        {
            change(request);
        }

        db.HelpRequests.Add(request);
        await db.SaveChangesAsync(cancellation);
        return request.Id;
    }

    /// <summary>
    /// The code as the form derives it from its submission key, moving to the next attempt while the
    /// look-up id is taken, as the form does (ids are 7 digits, so they collide now and then).
    /// </summary>
    private string Code()
    {
        if (code is not null)
        {
            return code;
        }

        var receipts = app.Services.GetRequiredService<ReceiptCodes>();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        for (var attempt = 0; attempt < HelpRequestSubmitter.MaxCodeAttempts; attempt++)
        {
            var candidate = receipts.CodeFor(submissionKey, attempt);
            var id = ReceiptCodes.IdOf(candidate);
            if (!db.HelpRequests.Any(r => r.ReceiptId == id))
            {
                return code = candidate;
            }
        }

        throw new InvalidOperationException("No free receipt id.");
    }
}

public static class HelpRequestBuilding
{
    /// <summary>A help request to build and save; see <see cref="HelpRequestBuilder"/>.</summary>
    public static HelpRequestBuilder NewHelpRequest(this WebApplicationFactory<Program> app) => new(app);

    public static Task<HelpRequest> LoadHelpRequestAsync(this CashApp app, Guid id) =>
        app.InDatabaseAsync(db => db.HelpRequests.AsNoTracking().Include(r => r.Messages).SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken));
}
