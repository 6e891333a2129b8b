using Cash.Web.Domain.Directory;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Prevention;
using Cash.Web.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cash.Web.Data;

internal sealed class PreventionActionConfiguration : IEntityTypeConfiguration<PreventionAction>
{
    public void Configure(EntityTypeBuilder<PreventionAction> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Classes).HasMaxLength(PreventionAction.MaxClassesLength);
        builder.Property(a => a.ToolName).HasMaxLength(PreventionAction.MaxToolNameLength);
        builder.Property(a => a.Report).HasMaxLength(PreventionAction.MaxTextLength);
        builder.Property(a => a.FollowUp).HasMaxLength(PreventionAction.MaxTextLength);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(a => a.RecordingServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(a => a.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Schools).WithOne().HasForeignKey(s => s.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Services).WithOne().HasForeignKey(s => s.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Schools).HasField("schools");
        builder.Navigation(a => a.Services).HasField("services");
        builder.Ignore(a => a.SchoolYear);

        // The list and the coverage read a range of days, newest first.
        builder.HasIndex(a => new { a.Day, a.Id });
        builder.Property(a => a.Version).IsConcurrencyToken();
    }
}

internal sealed class PreventionActionSchoolConfiguration : IEntityTypeConfiguration<PreventionActionSchool>
{
    public void Configure(EntityTypeBuilder<PreventionActionSchool> builder)
    {
        builder.ToTable("PreventionActionSchools");
        builder.HasKey(s => new { s.ActionId, s.SchoolId });
        builder.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.SchoolId);
    }
}

internal sealed class PreventionActionServiceConfiguration : IEntityTypeConfiguration<PreventionActionService>
{
    public void Configure(EntityTypeBuilder<PreventionActionService> builder)
    {
        builder.ToTable("PreventionActionServices");
        builder.HasKey(s => new { s.ActionId, s.PartnerServiceId });
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(s => s.PartnerServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.PartnerServiceId);
    }
}
