using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Meetings;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cash.Web.Data;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Title).HasMaxLength(Meeting.MaxTitleLength);
        builder.Property(m => m.Place).HasMaxLength(Meeting.MaxPlaceLength);
        builder.Property(m => m.VideoLink).HasMaxLength(Meeting.MaxLinkLength);
        builder.HasOne<Professional>().WithMany().HasForeignKey(m => m.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(m => m.NextMeetingId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(m => m.Services).WithOne().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.AgendaItems).WithOne().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Decisions).WithOne().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.StartsAt, m.Id });
        builder.Property(m => m.Version).IsConcurrencyToken();
    }
}

internal sealed class MeetingServiceConfiguration : IEntityTypeConfiguration<MeetingService>
{
    public void Configure(EntityTypeBuilder<MeetingService> builder)
    {
        builder.HasKey(s => new { s.MeetingId, s.PartnerServiceId });
        builder.Property(s => s.Attendance).HasConversion<string>().HasMaxLength(12);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(s => s.PartnerServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.PartnerServiceId);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Title).HasMaxLength(AgendaItem.MaxTitleLength);
        builder.HasOne<Situation>().WithMany().HasForeignKey(i => i.SituationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(i => new { i.MeetingId, i.Position }).IsUnique();
        builder.HasIndex(i => i.SituationId);
    }
}

internal sealed class MeetingDecisionConfiguration : IEntityTypeConfiguration<MeetingDecision>
{
    public void Configure(EntityTypeBuilder<MeetingDecision> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(d => d.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.MeetingId, d.Position }).IsUnique();

        // One task per decision, even when two clicks race: the database refuses the second.
        builder.HasIndex(d => d.TaskId).IsUnique();
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.HasOne<Professional>().WithMany().HasForeignKey(f => f.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.ProfessionalId);
        builder.Ignore(f => f.IsActive);
    }
}
