using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Orientation;
using Cash.Web.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cash.Web.Data;

internal sealed class HelpRequestConfiguration : IEntityTypeConfiguration<HelpRequest>
{
    public void Configure(EntityTypeBuilder<HelpRequest> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.SubmissionKeyHash).HasMaxLength(32);
        builder.HasIndex(r => r.SubmissionKeyHash).IsUnique();
        builder.Property(r => r.ReceiptId).HasMaxLength(8);
        builder.HasIndex(r => r.ReceiptId).IsUnique();
        builder.Property(r => r.ReceiptSalt).HasMaxLength(16);
        builder.Property(r => r.ReceiptHash).HasMaxLength(32);
        builder.Property(r => r.SenderRole).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.AgeBand).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Since).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ReplyChannel).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(15);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(r => r.PartnerServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PartnerServiceId, r.Status, r.CreatedAt });
        builder.HasIndex(r => r.LastActivityAt);
        builder.Ignore(r => r.IsClosed);

        // A plain counter, the same on both databases: every UPDATE and DELETE checks it.
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class HelpMessageConfiguration : IEntityTypeConfiguration<HelpMessage>
{
    public void Configure(EntityTypeBuilder<HelpMessage> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Author).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(m => new { m.HelpRequestId, m.At });
    }
}

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.Address).HasMaxLength(300);
        builder.Property(s => s.Network).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(s => s.PmsServiceId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SchoolImportConfirmationConfiguration : IEntityTypeConfiguration<SchoolImportConfirmation>
{
    public void Configure(EntityTypeBuilder<SchoolImportConfirmation> builder)
    {
        // The key is the whole point: a second row for the same preview is refused by the database.
        builder.HasKey(c => c.PreviewId);
        builder.Property(c => c.PreviewId).ValueGeneratedNever();
    }
}

internal sealed class OrientationRuleConfiguration : IEntityTypeConfiguration<OrientationRule>
{
    public void Configure(EntityTypeBuilder<OrientationRule> builder)
    {
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(r => r.PartnerServiceId).OnDelete(DeleteBehavior.Cascade);

        // A short list of names ("YoungTarget,Parent") reads the same on both databases.
        builder.Property(r => r.ForRoles)
            .HasConversion(
                roles => string.Join(',', roles),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<SenderRole>).ToList(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<SenderRole>>(
                    (a, b) => a!.SequenceEqual(b!),
                    roles => roles.Aggregate(0, (hash, role) => HashCode.Combine(hash, role)),
                    roles => roles.ToList()))
            .HasMaxLength(200);
        builder.Property(r => r.ReasonFr).HasMaxLength(500);
        builder.Property(r => r.ReasonNl).HasMaxLength(500);
        builder.Property(r => r.ReasonEn).HasMaxLength(500);
    }
}
