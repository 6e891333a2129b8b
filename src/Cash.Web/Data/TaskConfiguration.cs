using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Meetings;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cash.Web.Data;

internal sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(12);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(t => t.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(t => t.CreatedByServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(t => t.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Situation).WithMany().HasForeignKey(t => t.SituationId).OnDelete(DeleteBehavior.Cascade);

        // "My service's tasks" and "my tasks": open first, by due day.
        builder.HasIndex(t => new { t.ServiceId, t.Status, t.DueOn, t.Id });
        builder.HasIndex(t => new { t.AssigneeId, t.Status, t.DueOn, t.Id });
        builder.HasIndex(t => new { t.SituationId, t.Status });
        builder.HasIndex(t => t.MeetingId);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(t => t.IsOpen);
        builder.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class TaskReminderConfiguration : IEntityTypeConfiguration<TaskReminder>
{
    public void Configure(EntityTypeBuilder<TaskReminder> builder)
    {
        // One reminder per person and Brussels day: a second instance, or a restart, cannot send it twice.
        builder.HasKey(r => new { r.ProfessionalId, r.Day });
        builder.HasOne<Professional>().WithMany().HasForeignKey(r => r.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
    }
}
