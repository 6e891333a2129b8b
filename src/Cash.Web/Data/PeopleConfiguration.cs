using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Directory;
using Cash.Web.Domain.People;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cash.Web.Data;

internal sealed class ProfessionalConfiguration : IEntityTypeConfiguration<Professional>
{
    public void Configure(EntityTypeBuilder<Professional> builder)
    {
        builder.ToTable("Professionals");
        builder.Property(p => p.DisplayName).HasMaxLength(120);
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(p => p.PartnerServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.IsDisabled);
    }
}

internal sealed class ProfessionalTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> builder) => builder.ToTable("ProfessionalTokens");
}

internal sealed class ProfessionalClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> builder) => builder.ToTable("ProfessionalClaims");
}

internal sealed class ProfessionalLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> builder) => builder.ToTable("ProfessionalLogins");
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(254);
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.TokenHash).HasMaxLength(32);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(i => i.PartnerServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(i => i.InvitedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Professional>().WithMany().HasForeignKey(i => i.ProfessionalId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class RecoveryLinkConfiguration : IEntityTypeConfiguration<RecoveryLink>
{
    public void Configure(EntityTypeBuilder<RecoveryLink> builder)
    {
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.TokenHash).HasMaxLength(32);

        // Two requests racing with one link: the second save finds it used and fails, so it is spent once.
        builder.Property(l => l.UsedAt).IsConcurrencyToken();
        builder.HasOne<Professional>().WithMany().HasForeignKey(l => l.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Professional>().WithMany().HasForeignKey(l => l.IssuedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(l => new { l.ProfessionalId, l.CreatedAt });
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(30);
        builder.HasOne<Professional>().WithMany().HasForeignKey(s => s.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.ProfessionalId, s.EndedAt });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // No foreign keys: the trail outlives the people and records it names.
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Action).HasMaxLength(60);
        builder.Property(e => e.EntityType).HasMaxLength(60);
        builder.Property(e => e.EntityId).HasMaxLength(64);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.Hash).HasMaxLength(32);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.ActorId, e.Sequence });

        // "Who saw this file" asks for the lines about a situation's records, newest first.
        builder.HasIndex(e => new { e.EntityId, e.Sequence });
    }
}

internal sealed class DataKeyConfiguration : IEntityTypeConfiguration<DataKey>
{
    public void Configure(EntityTypeBuilder<DataKey> builder)
    {
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.WrappedKey).HasMaxLength(60);
        builder.Ignore(k => k.IsActive);
    }
}
