using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Interventions;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cash.Web.Data;

internal sealed class InterventionConfiguration : IEntityTypeConfiguration<Intervention>
{
    public void Configure(EntityTypeBuilder<Intervention> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(i => i.Classes).HasMaxLength(Intervention.MaxClassesLength);
        builder.Property(i => i.Tool).HasMaxLength(Intervention.MaxToolLength);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(i => i.OrganiserServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<School>().WithMany().HasForeignKey(i => i.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(i => i.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Situation).WithMany().HasForeignKey(i => i.SituationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Services).WithOne().HasForeignKey(s => s.InterventionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.People).WithOne().HasForeignKey(p => p.InterventionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Services).HasField("services");
        builder.Navigation(i => i.People).HasField("people");

        // The calendar reads a range of days.
        builder.HasIndex(i => new { i.StartsAt, i.Id });
        builder.HasIndex(i => i.SituationId);
        builder.Ignore(i => i.IsPlanned);
        builder.Ignore(i => i.Day);
        builder.Property(i => i.Version).IsConcurrencyToken();
    }
}

internal sealed class InterventionServiceConfiguration : IEntityTypeConfiguration<InterventionService>
{
    public void Configure(EntityTypeBuilder<InterventionService> builder)
    {
        builder.ToTable("InterventionServices");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(12);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(s => s.PartnerServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.InterventionId, s.PartnerServiceId }).IsUnique();
        builder.HasIndex(s => new { s.PartnerServiceId, s.InterventionId });
    }
}

internal sealed class InterventionPersonConfiguration : IEntityTypeConfiguration<InterventionPerson>
{
    public void Configure(EntityTypeBuilder<InterventionPerson> builder)
    {
        builder.ToTable("InterventionPeople");
        builder.HasKey(p => new { p.InterventionId, p.ProfessionalId });
        builder.HasOne<Professional>().WithMany().HasForeignKey(p => p.ProfessionalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
