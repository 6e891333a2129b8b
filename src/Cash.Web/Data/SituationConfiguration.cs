using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Schools;
using Cash.Web.Domain.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cash.Web.Data;

internal sealed class SituationConfiguration : IEntityTypeConfiguration<Situation>
{
    public void Configure(EntityTypeBuilder<Situation> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Reference).HasMaxLength(12);
        builder.HasIndex(s => s.Reference).IsUnique();
        builder.Property(s => s.Channel).HasConversion<string>().HasMaxLength(15);
        builder.Property(s => s.Severity).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Since).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ClassName).HasMaxLength(Situation.MaxClassLength);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(s => s.LeadServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<HelpRequest>().WithMany().HasForeignKey(s => s.HelpRequestId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Professional>().WithMany().HasForeignKey(s => s.OpenedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Services).WithOne().HasForeignKey(i => i.SituationId).OnDelete(DeleteBehavior.Cascade);

        // Lists page by (LastActivityAt, Id) descending, filtered by status, severity or school.
        builder.HasIndex(s => new { s.LastActivityAt, s.Id });
        builder.HasIndex(s => new { s.Status, s.LastActivityAt, s.Id });
        builder.HasIndex(s => new { s.SchoolId, s.LastActivityAt, s.Id });
        builder.HasIndex(s => new { s.Severity, s.LastActivityAt, s.Id });
        // "Needing action"'s second query (in progress at "danger"): both in the index, the rows come in list order.
        builder.HasIndex(s => new { s.Status, s.Severity, s.LastActivityAt, s.Id });
        builder.HasIndex(s => new { s.Status, s.ClosedAt });
        builder.HasIndex(s => s.HelpRequestId);
        builder.Ignore(s => s.IsClosed);
        builder.Ignore(s => s.IsErased);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class InvolvedServiceConfiguration : IEntityTypeConfiguration<InvolvedService>
{
    public void Configure(EntityTypeBuilder<InvolvedService> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Tier).HasConversion<string>().HasMaxLength(12);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(i => i.PartnerServiceId).OnDelete(DeleteBehavior.Restrict);

        // The access rule's question, "is this service involved?", and a service's own list.
        builder.HasIndex(i => new { i.SituationId, i.PartnerServiceId });
        builder.HasIndex(i => new { i.PartnerServiceId, i.SituationId });
        builder.Ignore(i => i.IsActive);
    }
}

internal sealed class InvolvedPersonConfiguration : IEntityTypeConfiguration<InvolvedPerson>
{
    public void Configure(EntityTypeBuilder<InvolvedPerson> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(25);
        builder.Property(p => p.AgeBand).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.ClassName).HasMaxLength(Situation.MaxClassLength);
        builder.HasOne(p => p.Situation).WithMany().HasForeignKey(p => p.SituationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<School>().WithMany().HasForeignKey(p => p.SchoolId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(p => new { p.SituationId, p.CreatedAt });
    }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(15);
        builder.Property(e => e.Tier).HasConversion<string>().HasMaxLength(10);
        builder.HasOne(e => e.Situation).WithMany().HasForeignKey(e => e.SituationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(e => e.AuthorServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JournalEntry>().WithMany().HasForeignKey(e => e.CorrectsId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.SituationId, e.WrittenAt });
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.LegalBasis).HasConversion<string>().HasMaxLength(25);
        builder.HasOne(r => r.Situation).WithMany().HasForeignKey(r => r.SituationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(r => r.FromServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(r => r.ToServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Consent>().WithMany().HasForeignKey(r => r.ConsentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.SituationId, r.RequestedAt });

        // "Needing action": the referrals waiting for a service's decision.
        builder.HasIndex(r => new { r.ToServiceId, r.Status });
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.GivenBy).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Method).HasConversion<string>().HasMaxLength(12);
        builder.HasOne<Situation>().WithMany().HasForeignKey(c => c.SituationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<InvolvedPerson>().WithMany(p => p.Consents).HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.SituationId, c.ServiceId, c.PersonId });
        builder.Ignore(c => c.IsActive);
    }
}

internal sealed class SituationDocumentConfiguration : IEntityTypeConfiguration<SituationDocument>
{
    public void Configure(EntityTypeBuilder<SituationDocument> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Type).HasConversion<string>().HasMaxLength(5);
        builder.HasOne(d => d.Situation).WithMany().HasForeignKey(d => d.SituationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(d => d.UploadedByService).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.SituationId, d.UploadedAt });
        builder.Ignore(d => d.ContentType);
        builder.Ignore(d => d.Extension);
    }
}
