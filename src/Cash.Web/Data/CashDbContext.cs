using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Interventions;
using Cash.Web.Domain.Prevention;
using Cash.Web.Domain.Orientation;
using Cash.Web.Domain.Schools;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Domain.Meetings;
using Cash.Web.Domain.Procedures;
using Cash.Web.Domain.Publications;
using Cash.Web.Domain.Tasks;
using Cash.Web.Domain.Tools;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cash.Web.Data;

/// <summary>
/// The one database context. Each provider derives from it only to carry its own migrations
/// (<see cref="SqliteCashDbContext"/>, <see cref="PostgresCashDbContext"/>).
/// </summary>
public class CashDbContext(DbContextOptions options) : IdentityUserContext<Professional, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<PartnerService> PartnerServices => Set<PartnerService>();

    public DbSet<PartnerServiceText> PartnerServiceTexts => Set<PartnerServiceText>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<RecoveryLink> RecoveryLinks => Set<RecoveryLink>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataKey> DataKeys => Set<DataKey>();

    public DbSet<HelpRequest> HelpRequests => Set<HelpRequest>();

    public DbSet<HelpMessage> HelpMessages => Set<HelpMessage>();

    public DbSet<School> Schools => Set<School>();

    public DbSet<SchoolImportConfirmation> SchoolImportConfirmations => Set<SchoolImportConfirmation>();

    public DbSet<OrientationRule> OrientationRules => Set<OrientationRule>();

    public DbSet<Situation> Situations => Set<Situation>();

    public DbSet<InvolvedService> InvolvedServices => Set<InvolvedService>();

    public DbSet<InvolvedPerson> InvolvedPeople => Set<InvolvedPerson>();

    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<Consent> Consents => Set<Consent>();

    public DbSet<SituationDocument> SituationDocuments => Set<SituationDocument>();

    public DbSet<WorkTask> WorkTasks => Set<WorkTask>();

    public DbSet<TaskReminder> TaskReminders => Set<TaskReminder>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<MeetingService> MeetingServices => Set<MeetingService>();

    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();

    public DbSet<MeetingDecision> MeetingDecisions => Set<MeetingDecision>();

    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    public DbSet<Intervention> Interventions => Set<Intervention>();

    public DbSet<PreventionAction> PreventionActions => Set<PreventionAction>();

    public DbSet<ProcedureTemplate> ProcedureTemplates => Set<ProcedureTemplate>();

    public DbSet<ProcedureVersion> ProcedureVersions => Set<ProcedureVersion>();

    public DbSet<ProcedureStep> ProcedureSteps => Set<ProcedureStep>();

    public DbSet<Checklist> Checklists => Set<Checklist>();

    public DbSet<ChecklistStep> ChecklistSteps => Set<ChecklistStep>();

    public DbSet<Tool> Tools => Set<Tool>();

    public DbSet<ToolFile> ToolFiles => Set<ToolFile>();

    public DbSet<ToolBooking> ToolBookings => Set<ToolBooking>();
    public DbSet<PublicationText> PublicationTexts => Set<PublicationText>();

    /// <summary>The Data Protection key ring, shared by every instance (each key encrypted under the master key).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CashDbContext).Assembly);
    }
}

public sealed class SqliteCashDbContext(DbContextOptions<SqliteCashDbContext> options) : CashDbContext(options)
{
    /// <summary>
    /// SQLite has no date type: stored as text, DateTimeOffset cannot be compared or sorted in SQL.
    /// A 64-bit integer (UTC ticks) can, so sessions and the audit trail filter by time in the database.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresCashDbContext(DbContextOptions<PostgresCashDbContext> options) : CashDbContext(options);
