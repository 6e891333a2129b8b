using System.Globalization;
using System.Text;
using Cash.Web.Domain.Procedures;
using Cash.Web.Localization;
using Cash.Web.Meetings;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Publications;

/// <summary>
/// Puts a resource together in the reader's language (the current UI culture) from what is
/// published now: the procedures' latest versions, the coordinators' latest texts (French when a
/// translation is missing) and the directory's services with their contacts.
/// </summary>
public sealed class ResourceComposer(
    PublishedProceduresCache procedures,
    PublishedTextsCache texts,
    PartnerDirectoryCache directory,
    MinutesRenderer renderer,
    IStringLocalizer<ResourceTexts> t,
    IStringLocalizer<ProcedureTexts> procedureTexts)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public async Task<ResourceDocument?> ComposeAsync(PrintedResource resource, CancellationToken cancellationToken)
    {
        var language = CashCultures.CurrentLanguage;
        if (resource.Audience() is { } audience)
        {
            var procedure = await procedures.FindAsync(audience, cancellationToken);
            return procedure is null ? null : Procedure(resource, language, procedure);
        }

        var kind = resource.Kind()!.Value;
        var (headline, markdown) = SplitHeadline((await texts.GetAsync(cancellationToken)).MarkdownOf(kind, language));
        var blocks = new List<PrintBlock>();
        blocks.AddRange(MarkdownBlocks(markdown));
        var services = new List<ServiceContact>();
        if (resource == PrintedResource.ClassDiarySheet)
        {
            blocks.Add(new PrintBlock(BlockKind.Heading, t["Sheet.ServicesTitle"].Value));
            foreach (var service in (await directory.GetAsync(cancellationToken)).PublishedServices)
            {
                var text = service.TextFor(language);
                var contact = new ServiceContact(service.Slug, text.Name, text.WhatWeCanDo, service.Phone, service.PhoneUri, service.Email, service.ActsOnlyWithAgreement);
                services.Add(contact);
                blocks.Add(new PrintBlock(BlockKind.Subheading, contact.Name));
                blocks.Add(new PrintBlock(BlockKind.Paragraph, contact.WhatWeCanDo));
                if (contact.ActsOnlyWithAgreement)
                {
                    blocks.Add(new PrintBlock(BlockKind.Note, t["Sheet.OnlyIfYouWish"].Value));
                }

                blocks.Add(new PrintBlock(BlockKind.Contact, $"{t["Sheet.Phone"].Value} {contact.Phone}"));
                blocks.Add(new PrintBlock(BlockKind.Contact, $"{t["Sheet.Email"].Value} {contact.Email}"));
            }
        }

        return new ResourceDocument(resource, language, headline ?? TitleOf(resource), blocks, renderer.ToHtml(markdown), null, services);
    }

    /// <summary>
    /// A text that opens with a level-1 heading is headed by it (the poster's headline, the page's
    /// title), and the rest is its body; any other text is all body, under the resource's name.
    /// </summary>
    public static (string? Headline, string Body) SplitHeadline(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        if (document.Count > 0 && document[0] is HeadingBlock { Level: 1 } heading && InlineText(heading.Inline).Trim() is { Length: > 0 } headline)
        {
            var end = Math.Min(markdown.Length, heading.Span.End + 1);
            return (headline, markdown[end..]);
        }

        return (null, markdown);
    }

    /// <summary>The resource's name in the current language, as the index lists it.</summary>
    public string TitleOf(PrintedResource resource) => t[$"Resource.{resource}"].Value;

    /// <summary>What a step's suggested deadline says, or null without one: always a suggestion, never a legal deadline.</summary>
    public string? DeadlineOf(PublishedStep step) => step switch
    {
        { DeadlineDays: null } => null,
        { AfterPosition: { } after } => t["Step.DeadlineAfterStep", step.DeadlineDays, after].Value,
        _ => t["Step.DeadlineFromStart", step.DeadlineDays].Value,
    };

    public string ActorOf(StepActor actor) => procedureTexts[$"StepActor.{actor}"].Value;

    private ResourceDocument Procedure(PrintedResource resource, string language, PublishedProcedure procedure)
    {
        var blocks = new List<PrintBlock>
        {
            new(BlockKind.Paragraph, procedure.Intro.In(language)),
            new(BlockKind.Note, t["Procedure.Suggestions"].Value),
            new(BlockKind.Note, t["Procedure.Version", procedure.Number, Cash.Web.Domain.Calendar.Brussels.TimeOf(procedure.PublishedAt).ToString("d MMMM yyyy", CultureInfo.CurrentCulture)].Value),
        };
        foreach (var step in procedure.Steps)
        {
            blocks.Add(new PrintBlock(BlockKind.Heading, $"{step.Position}. {step.Title.In(language)}"));
            blocks.Add(new PrintBlock(BlockKind.Paragraph, step.Guidance.In(language)));
            blocks.Add(new PrintBlock(BlockKind.Contact, t["Step.Who", ActorOf(step.Actor)].Value));
            if (DeadlineOf(step) is { } deadline)
            {
                blocks.Add(new PrintBlock(BlockKind.Note, deadline));
            }
        }

        return new ResourceDocument(resource, language, procedure.Title.In(language), blocks, "", procedure, []);
    }

    /// <summary>
    /// The text of a Markdown document as blocks to print: headings, paragraphs and list items, with
    /// emphasis dropped and only http, https and mailto addresses written out. Nothing in it is
    /// markup or an action once in the PDF: it is drawn as text.
    /// </summary>
    public static IReadOnlyList<PrintBlock> MarkdownBlocks(string? markdown)
    {
        var blocks = new List<PrintBlock>();
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return blocks;
        }

        foreach (var block in Markdown.Parse(markdown, Pipeline).Descendants<LeafBlock>())
        {
            var text = block switch
            {
                HeadingBlock or ParagraphBlock => InlineText(block.Inline),
                CodeBlock code => code.Lines.ToString(),
                _ => "",
            };
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var kind = block switch
            {
                HeadingBlock { Level: 1 } => BlockKind.Heading,
                HeadingBlock => BlockKind.Subheading,
                _ when block.Parent is ListItemBlock item && item.IndexOf(block) == 0 => BlockKind.Bullet,
                _ => BlockKind.Paragraph,
            };
            blocks.Add(new PrintBlock(kind, text.Trim()));
        }

        return blocks;
    }

    private static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        if (inline is not null)
        {
            AppendChildren(inline, text);
        }

        return text.ToString();
    }

    private static void Append(Inline? inline, StringBuilder text)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                break;
            case LinkInline link:
                var label = new StringBuilder();
                AppendChildren(link, label);
                text.Append(label);
                if (!link.IsImage && IsSafeAddress(link.Url) && !link.Url!.Equals(label.ToString(), StringComparison.Ordinal))
                {
                    text.Append(" (").Append(link.Url!.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? link.Url[7..] : link.Url).Append(')');
                }

                break;
            case AutolinkInline auto:
                text.Append(IsSafeAddress(auto.Url) || auto.IsEmail ? auto.Url : "");
                break;
            case ContainerInline container:
                AppendChildren(container, text);
                break;
        }
    }

    private static void AppendChildren(ContainerInline container, StringBuilder text)
    {
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            Append(child, text);
        }
    }

    private static bool IsSafeAddress(string? url) =>
        url is not null && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase));
}
