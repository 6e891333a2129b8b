using Cash.Web.Domain.People;
using Cash.Web.Domain.Publications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cash.Web.Data;

internal sealed class PublicationTextConfiguration : IEntityTypeConfiguration<PublicationText>
{
    public void Configure(EntityTypeBuilder<PublicationText> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(t => t.Language).HasMaxLength(2);
        builder.Property(t => t.Markdown).HasMaxLength(PublicationText.MaxMarkdownLength);

        // Two coordinators saving at once cannot both write version n + 1: the second is told.
        builder.HasIndex(t => new { t.Kind, t.Language, t.Number }).IsUnique();
        builder.HasOne<Professional>().WithMany().HasForeignKey(t => t.SavedBy).OnDelete(DeleteBehavior.Restrict);
    }
}
