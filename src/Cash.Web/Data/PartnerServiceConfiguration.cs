using Cash.Web.Domain.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cash.Web.Data;

internal sealed class PartnerServiceConfiguration : IEntityTypeConfiguration<PartnerService>
{
    public void Configure(EntityTypeBuilder<PartnerService> builder)
    {
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.Slug).HasMaxLength(80);
        builder.Property(s => s.Phone).HasMaxLength(40);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Ignore(s => s.PhoneUri);
        builder.HasMany(s => s.Texts).WithOne().HasForeignKey(t => t.PartnerServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Texts).AutoInclude();
    }
}

internal sealed class PartnerServiceTextConfiguration : IEntityTypeConfiguration<PartnerServiceText>
{
    public void Configure(EntityTypeBuilder<PartnerServiceText> builder)
    {
        builder.HasKey(t => new { t.PartnerServiceId, t.Language });
        builder.Property(t => t.Language).HasMaxLength(2);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.WhatWeCanDo).HasMaxLength(2000);
        builder.Property(t => t.ForWhom).HasMaxLength(1000);
        builder.Property(t => t.Conditions).HasMaxLength(1000);
        builder.Property(t => t.Confidentiality).HasMaxLength(2000);
    }
}
