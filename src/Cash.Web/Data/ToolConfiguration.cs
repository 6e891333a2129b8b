using Cash.Web.Domain.Directory;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cash.Web.Data;

internal sealed class ToolConfiguration : IEntityTypeConfiguration<Tool>
{
    public void Configure(EntityTypeBuilder<Tool> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(Tool.MaxNameLength);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(12);
        builder.Property(t => t.Description).HasMaxLength(Tool.MaxDescriptionLength);
        builder.Property(t => t.Duration).HasMaxLength(Tool.MaxDurationLength);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(t => t.OwnerServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(t => t.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.Name, t.Id });
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Property(t => t.BookingSequence).IsConcurrencyToken();
    }
}

internal sealed class ToolFileConfiguration : IEntityTypeConfiguration<ToolFile>
{
    public void Configure(EntityTypeBuilder<ToolFile> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Title).HasMaxLength(ToolFile.MaxTitleLength);
        builder.Property(f => f.Name).HasMaxLength(ToolFile.MaxNameLength);
        builder.Property(f => f.Type).HasConversion<string>().HasMaxLength(8);
        builder.HasOne(f => f.Tool).WithMany().HasForeignKey(f => f.ToolId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(f => f.UploadedByService).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(f => f.UploadedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.ToolId, f.UploadedAt });
        builder.Ignore(f => f.ContentType);
        builder.Ignore(f => f.Extension);
    }
}

internal sealed class ToolBookingConfiguration : IEntityTypeConfiguration<ToolBooking>
{
    public void Configure(EntityTypeBuilder<ToolBooking> builder)
    {
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.HasOne(b => b.Tool).WithMany().HasForeignKey(b => b.ToolId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(b => b.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(b => b.BookedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.ToolId, b.From });
        builder.Ignore(b => b.IsCancelled);
    }
}
