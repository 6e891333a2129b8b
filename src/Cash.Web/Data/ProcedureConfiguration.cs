using Cash.Web.Domain.Directory;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Procedures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cash.Web.Data;

internal sealed class ProcedureTemplateConfiguration : IEntityTypeConfiguration<ProcedureTemplate>
{
    public void Configure(EntityTypeBuilder<ProcedureTemplate> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Key).HasMaxLength(ProcedureTemplate.MaxKeyLength);
        builder.HasIndex(t => t.Key).IsUnique();
        builder.Property(t => t.Audience).HasConversion<string>().HasMaxLength(20);
        foreach (var title in new[] { nameof(ProcedureTemplate.TitleFr), nameof(ProcedureTemplate.TitleNl), nameof(ProcedureTemplate.TitleEn) })
        {
            builder.Property(title).HasMaxLength(ProcedureTemplate.MaxTitleLength);
        }

        foreach (var intro in new[] { nameof(ProcedureTemplate.IntroFr), nameof(ProcedureTemplate.IntroNl), nameof(ProcedureTemplate.IntroEn) })
        {
            builder.Property(intro).HasMaxLength(ProcedureTemplate.MaxIntroLength);
        }

        builder.Ignore(t => t.Title);
        builder.Ignore(t => t.Intro);
        builder.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProcedureVersionConfiguration : IEntityTypeConfiguration<ProcedureVersion>
{
    public void Configure(EntityTypeBuilder<ProcedureVersion> builder)
    {
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasIndex(v => new { v.TemplateId, v.Number }).IsUnique();

        // One draft per template at most: a double click on "edit" starts one, not two.
        builder.HasIndex(v => v.TemplateId).IsUnique().HasFilter("\"PublishedAt\" IS NULL").HasDatabaseName("IX_ProcedureVersions_OneDraft");
        builder.HasMany(v => v.Steps).WithOne().HasForeignKey(s => s.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Professional>().WithMany().HasForeignKey(v => v.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(v => v.PublishedBy).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.Revision).IsConcurrencyToken();
        builder.Ignore(v => v.IsDraft);
        builder.Ignore(v => v.OrderedSteps);
    }
}

internal sealed class ProcedureStepConfiguration : IEntityTypeConfiguration<ProcedureStep>
{
    public void Configure(EntityTypeBuilder<ProcedureStep> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => new { s.VersionId, s.Key }).IsUnique();
        builder.Property(s => s.Actor).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.DeadlineFrom).HasConversion<string>().HasMaxLength(20);
        foreach (var (names, length) in new[]
        {
            (new[] { nameof(ProcedureStep.TitleFr), nameof(ProcedureStep.TitleNl), nameof(ProcedureStep.TitleEn) }, ProcedureStep.MaxTitleLength),
            ([nameof(ProcedureStep.GuidanceFr), nameof(ProcedureStep.GuidanceNl), nameof(ProcedureStep.GuidanceEn)], ProcedureStep.MaxGuidanceLength),
            ([nameof(ProcedureStep.RecordFr), nameof(ProcedureStep.RecordNl), nameof(ProcedureStep.RecordEn)], ProcedureStep.MaxRecordLength),
        })
        {
            foreach (var name in names)
            {
                builder.Property(name).HasMaxLength(length);
            }
        }

        builder.Ignore(s => s.Title);
        builder.Ignore(s => s.Guidance);
        builder.Ignore(s => s.Record);
        builder.Ignore(s => s.Content);
    }
}

internal sealed class ChecklistConfiguration : IEntityTypeConfiguration<Checklist>
{
    public void Configure(EntityTypeBuilder<Checklist> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne(c => c.Situation).WithMany().HasForeignKey(c => c.SituationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProcedureTemplate>().WithMany().HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProcedureVersion>().WithMany().HasForeignKey(c => c.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(c => c.StartedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PartnerService>().WithMany().HasForeignKey(c => c.StartedByServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Steps).WithOne().HasForeignKey(s => s.ChecklistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.SituationId, c.Id });
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class ChecklistStepConfiguration : IEntityTypeConfiguration<ChecklistStep>
{
    public void Configure(EntityTypeBuilder<ChecklistStep> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<ProcedureStep>().WithMany().HasForeignKey(s => s.ProcedureStepId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(s => s.RecordedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ChecklistId, s.ProcedureStepId }).IsUnique();
        builder.HasIndex(s => new { s.Status, s.ChecklistId });
    }
}
