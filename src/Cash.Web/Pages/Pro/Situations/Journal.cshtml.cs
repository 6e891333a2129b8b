using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Situations;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Situations;

/// <summary>
/// The journal of a situation: dated entries, newest first, each read through the journal entries'
/// access rule, so an entry kept to "my service only" exists for its author's service alone — on
/// this page, in its count and in its links. Entries are written, never edited: a correction is a
/// new entry that points to the one it corrects, written by the same service, at the same tier.
/// Every entry shown is a read in the audit trail. Anyone not involved gets 404.
/// </summary>
public sealed class JournalModel(
    CashDbContext db,
    IAuthorizationService authorization,
    SituationContent content,
    AuditTrail audit,
    PartnerDirectoryCache directory,
    TimeProvider clock,
    IStringLocalizer<SituationTexts> text) : PageModel
{
    /// <summary>The kinds a person chooses from; a severity change is written by the situation's page with its reason.</summary>
    public static readonly IReadOnlyList<JournalKind> Kinds = [.. Enum.GetValues<JournalKind>().Where(k => k != JournalKind.SeverityChange)];

    /// <summary>No entry tells of something before this day: an older date is a typing mistake (0226 for 2026).</summary>


    public WriteInput Write { get; private set; } = new();

    public CorrectInput Correct { get; private set; } = new();

    /// <summary>What was just done (post, redirect, get).</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    /// <summary>The entry the person asked to correct (the "correct" link), shown with its form.</summary>
    [BindProperty(SupportsGet = true, Name = "corriger")]
    public string? CorrectingParameter { get; set; }

    public Guid? CorrectingId { get; private set; }

    public Situation Item { get; private set; } = null!;

    public IReadOnlyList<EntryView> Entries { get; private set; } = [];

    /// <summary>The entry being corrected, when it is one the person's service may correct.</summary>
    public EntryView? Correcting { get; private set; }

    public bool MayWrite { get; private set; }

    /// <summary>The person's own service, which alone reads an entry kept to it.</summary>
    public string OwnServiceName { get; private set; } = "";

    /// <summary>The services that read a shared entry: every service involved now.</summary>
    public IReadOnlyList<string> InvolvedServiceNames { get; private set; } = [];

    private PastDayMessages PastDay => new(text["Journal.HappenedOn.Invalid"], text["Journal.HappenedOn.Future"], text["Journal.HappenedOn.TooOld"]);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, SituationOperations.View, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        if (CorrectingParameter is not null)
        {
            // An entry that is not one the person's service may correct does not exist for them.
            if (!Guid.TryParse(CorrectingParameter, out var correcting) || !await MayCorrectAsync(id, correcting, cancellationToken))
            {
                return NotFound();
            }

            CorrectingId = correcting;
            Correct = new CorrectInput { EntryId = correcting };
        }
        else
        {
            Write = new WriteInput { HappenedOn = Brussels.DayOf(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        }

        return await ShowAsync(situation, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromForm(Name = nameof(Write))] WriteInput write, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, SituationOperations.Contribute, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        Write = write;
        var happenedOn = ModelState.ReadPastDay(write.HappenedOn, $"{nameof(Write)}.{nameof(WriteInput.HappenedOn)}", Brussels.DayOf(clock.GetUtcNow()), PastDay);
        if (write.Kind is { } kind && !Kinds.Contains(kind))
        {
            ModelState.AddModelError($"{nameof(Write)}.{nameof(WriteInput.Kind)}", text["Journal.Kind.Required"]);
        }

        RefuseErased(situation);
        if (!ModelState.IsValid || happenedOn is not { } day)
        {
            return await ShowAsync(situation, cancellationToken);
        }

        var entry = new JournalEntry(Guid.CreateVersion7(), situation.Id, write.Kind!.Value, write.Tier!.Value, User.ServiceId()!.Value, User.ProfessionalId()!.Value, day, clock.GetUtcNow());
        if (!await SaveAsync(situation, entry, write.Text!.Trim(), cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, $"{nameof(Write)}.{nameof(WriteInput.Text)}", cancellationToken);
        }

        return RedirectToPage(null, null, new { id, fait = "ecrite" }, $"entree-{entry.Id}");
    }

    public async Task<IActionResult> OnPostCorrectAsync(Guid id, [FromForm(Name = nameof(Correct))] CorrectInput correct, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, SituationOperations.Contribute, cancellationToken);
        if (situation is null || correct.EntryId is not { } correctedId || !await MayCorrectAsync(id, correctedId, cancellationToken))
        {
            return NotFound();
        }

        Correct = correct;
        CorrectingId = correctedId;
        var happenedOn = ModelState.ReadPastDay(correct.HappenedOn, $"{nameof(Correct)}.{nameof(CorrectInput.HappenedOn)}", Brussels.DayOf(clock.GetUtcNow()), PastDay);
        RefuseErased(situation);
        if (!ModelState.IsValid || happenedOn is not { } day)
        {
            return await ShowAsync(situation, cancellationToken);
        }

        // Same kind and same readers as the entry it corrects: a correction of an entry kept to one
        // service must not tell the others that entry exists.
        var corrected = await db.JournalEntries.AsNoTracking().SingleAsync(e => e.Id == correctedId, cancellationToken);
        var entry = new JournalEntry(Guid.CreateVersion7(), situation.Id, corrected.Kind, corrected.Tier, corrected.AuthorServiceId, User.ProfessionalId()!.Value, day, clock.GetUtcNow(), corrected.Id);
        if (!await SaveAsync(situation, entry, correct.Text!.Trim(), cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, $"{nameof(Correct)}.{nameof(CorrectInput.Text)}", cancellationToken);
        }

        return RedirectToPage(null, null, new { id, fait = "corrigee" }, $"entree-{entry.Id}");
    }

    /// <summary>The situation, tracked, if the person may do <paramref name="operation"/> on it; otherwise it does not exist for them.</summary>
    private async Task<Situation?> FindAsync(Guid id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        return await db.FindSituationAsync(authorization, User, id, operation, cancellationToken);
    }

    /// <summary>Whether the entry is one of this situation's that the person's service wrote (and so may correct).</summary>
    private Task<bool> MayCorrectAsync(Guid situationId, Guid entryId, CancellationToken cancellationToken) =>
        db.JournalEntries.Where(e => e.Id == entryId && e.SituationId == situationId)
            .Allowing(JournalEntryAccess.Rule, User, SituationOperations.Contribute)
            .AnyAsync(cancellationToken);

    /// <summary>Said for the whole page: once erased, the journal has no form left to point to.</summary>
    private void RefuseErased(Situation situation)
    {
        if (situation.IsErased)
        {
            ModelState.AddModelError(string.Empty, text["Journal.Error.Erased"]);
        }
    }

    /// <summary>
    /// Adds the entry with its encrypted text, and tells the situation, whose <see cref="Situation.Version"/>
    /// the database checks: false when the situation changed meanwhile (nothing written).
    /// </summary>
    private async Task<bool> SaveAsync(Situation situation, JournalEntry entry, string body, CancellationToken cancellationToken)
    {
        entry.Text = await content.SealEntryTextAsync(entry, body, cancellationToken);
        if (entry.Tier == SharingTier.Shared)
        {
            situation.EntryWritten(entry.WrittenAt);
        }
        else
        {
            situation.PrivateEntryWritten();
        }

        db.JournalEntries.Add(entry);
        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken);
    }

    /// <summary>The later of two conflicting changes: the journal as it is now, the refusal said, what was typed kept.</summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, string field, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var situation = await FindAsync(id, SituationOperations.View, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddModelError(situation.IsErased ? string.Empty : field, text[situation.IsErased ? "Journal.Error.Erased" : "Journal.Error.Changed"]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(situation, cancellationToken);
    }

    private async Task<PageResult> ShowAsync(Situation situation, CancellationToken cancellationToken)
    {
        Item = situation;
        ViewData["Section"] = "situations";
        MayWrite = !situation.IsErased && (await authorization.AuthorizeAsync(User, situation, SituationOperations.Contribute)).Succeeded;
        var language = CashCultures.CurrentLanguage;
        var services = await directory.GetAsync(cancellationToken);
        OwnServiceName = services.NameOf(User.ServiceId(), language) ?? "";
        InvolvedServiceNames = [.. situation.Services.Where(s => s.IsActive).OrderBy(s => s.Tier).Select(s => services.NameOf(s.PartnerServiceId, language) ?? "")];

        var entries = await db.JournalEntries.AsNoTracking()
            .Where(e => e.SituationId == situation.Id)
            .Allowing(JournalEntryAccess.Rule, User, SituationOperations.View)
            .ToListAsync(cancellationToken);
        var correctable = (await db.JournalEntries.Where(e => e.SituationId == situation.Id)
            .Allowing(JournalEntryAccess.Rule, User, SituationOperations.Contribute)
            .Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();

        // Sorted here: on SQLite times are stored in a form only the application orders reliably between offsets.
        var ordered = entries.OrderByDescending(e => e.HappenedOn).ThenByDescending(e => e.WrittenAt.UtcTicks).ToList();
        var views = new List<EntryView>(ordered.Count);
        foreach (var entry in ordered)
        {
            var body = await content.EntryTextAsync(entry, cancellationToken);
            views.Add(new EntryView(
                entry.Id,
                entry.Kind,
                entry.Tier,
                entry.HappenedOn,
                entry.WrittenAt,
                services.NameOf(entry.AuthorServiceId, language) ?? "",
                body,
                IsErased: entry.Text is null,
                entry.CorrectsId,
                CorrectedBy: [.. ordered.Where(c => c.CorrectsId == entry.Id).OrderBy(c => c.WrittenAt.UtcTicks).Select(c => c.Id)],
                MayCorrect: MayWrite && correctable.Contains(entry.Id)));
        }

        Entries = views;
        Correcting = CorrectingId is { } correcting ? views.FirstOrDefault(v => v.Id == correcting && v.MayCorrect) : null;
        if (Correcting is not null && Correct.HappenedOn is null && Correct.Text is null && ModelState.IsValid)
        {
            // The form starts from the entry as it stands: a correction is most often a word or a date.
            Correct.HappenedOn = Correcting.HappenedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Correct.Text = Correcting.Text;
        }

        // Every entry shown decrypted is a read (PRODUCT.md: audit every read).
        await audit.RecordReadsAsync(nameof(JournalEntry), entries.Where(e => e.Text is not null).Select(e => e.Id.ToString()), cancellationToken);
        return Page();
    }

    /// <summary>The entry <paramref name="id"/> among those shown, for a correction's "corrects the entry of …".</summary>
    public EntryView? Find(Guid? id) => id is { } key ? Entries.FirstOrDefault(e => e.Id == key) : null;

    /// <summary>One entry as the page shows it; <see cref="Text"/> is null when erased or when it cannot be read (the page says which).</summary>
    public sealed record EntryView(
        Guid Id,
        JournalKind Kind,
        SharingTier Tier,
        DateOnly HappenedOn,
        DateTimeOffset WrittenAt,
        string AuthorServiceName,
        string? Text,
        bool IsErased,
        Guid? CorrectsId,
        IReadOnlyList<Guid> CorrectedBy,
        bool MayCorrect);

    [MessagesFrom(typeof(SituationTexts))]
    public sealed class WriteInput
    {
        /// <summary>One of <see cref="Kinds"/>, bound strictly (Forms/StrictEnums.cs).</summary>
        [Required(ErrorMessage = "Journal.Kind.Required")]
        public JournalKind? Kind { get; set; }

        /// <summary>The day it happened, as typed (yyyy-mm-dd from a date field, or dd/mm/yyyy).</summary>
        [Required(ErrorMessage = "Journal.HappenedOn.Required")]
        public string? HappenedOn { get; set; }

        [Required(ErrorMessage = "Journal.Tier.Required")]
        public SharingTier? Tier { get; set; } = SharingTier.Shared;

        [Required(ErrorMessage = "Journal.Text.Required")]
        [MaxTrimmedLength(Situation.MaxTextLength, ErrorMessage = "Journal.Text.TooLong")]
        public string? Text { get; set; }
    }

    [MessagesFrom(typeof(SituationTexts))]
    public sealed class CorrectInput
    {
        [Required]
        public Guid? EntryId { get; set; }

        [Required(ErrorMessage = "Journal.HappenedOn.Required")]
        public string? HappenedOn { get; set; }

        [Required(ErrorMessage = "Journal.Text.Required")]
        [MaxTrimmedLength(Situation.MaxTextLength, ErrorMessage = "Journal.Text.TooLong")]
        public string? Text { get; set; }
    }
}
