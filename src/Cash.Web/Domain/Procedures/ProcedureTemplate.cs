using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Procedures;

/// <summary>
/// A guided procedure for a serious case, as the network proposes it (for a school's direction, for
/// parents): a key, who it is for, a title and an introduction in French, Dutch and English, and its
/// <see cref="ProcedureVersion"/>s. Only coordinators edit it; every publication makes a new version
/// that never changes again, so a checklist started from it keeps the steps it started with.
/// </summary>
public sealed class ProcedureTemplate : IAuditedRecord, IPublicContent
{
    public const int MaxKeyLength = 40;

    public const int MaxTitleLength = 200;

    public const int MaxIntroLength = 2_000;

    private ProcedureTemplate()
    {
    }

    public ProcedureTemplate(Guid id, string key, ProcedureAudience audience, LocalizedTexts title, LocalizedTexts intro)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(intro);
        Id = id;
        Key = key;
        Audience = audience;
        Rename(title, intro);
    }

    public Guid Id { get; private set; }

    /// <summary>The key in addresses (<c>school</c>, <c>parents</c>); never changes.</summary>
    public string Key { get; private set; } = "";

    public ProcedureAudience Audience { get; private set; }

    public string TitleFr { get; private set; } = "";

    public string TitleNl { get; private set; } = "";

    public string TitleEn { get; private set; } = "";

    public string IntroFr { get; private set; } = "";

    public string IntroNl { get; private set; } = "";

    public string IntroEn { get; private set; } = "";

    public List<ProcedureVersion> Versions { get; private set; } = [];

    string IAuditedRecord.AuditId => Id.ToString();

    /// <summary>The published procedures are printed as public resources (<c>/ressources</c>).</summary>
    string IPublicContent.PublicContentKind => PublicContentKinds.Procedures;

    public LocalizedTexts Title => new(TitleFr, TitleNl, TitleEn);

    public LocalizedTexts Intro => new(IntroFr, IntroNl, IntroEn);

    public void Rename(LocalizedTexts title, LocalizedTexts intro)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(intro);
        (TitleFr, TitleNl, TitleEn) = (title.Fr, title.Nl, title.En);
        (IntroFr, IntroNl, IntroEn) = (intro.Fr, intro.Nl, intro.En);
    }
}

/// <summary>Who a procedure is written for.</summary>
public enum ProcedureAudience
{
    SchoolDirection = 0,
    Parents = 1,
}

/// <summary>Who acts on a step.</summary>
public enum StepActor
{
    SchoolDirection = 0,
    PmsCentre = 1,
    Parents = 2,
    LeadService = 3,
    InvolvedServices = 4,
    Police = 5,
}

/// <summary>What a step's deadline is counted from.</summary>
public enum DeadlineStart
{
    /// <summary>The day the checklist was started.</summary>
    ChecklistStart = 0,

    /// <summary>The day another step was done.</summary>
    StepDone = 1,
}

/// <summary>A text in the three languages of the site; the French one is used when another is empty.</summary>
public sealed record LocalizedTexts(string Fr, string Nl, string En)
{
    public string In(string language) => language switch
    {
        "nl" when !string.IsNullOrWhiteSpace(Nl) => Nl,
        "en" when !string.IsNullOrWhiteSpace(En) => En,
        _ => Fr,
    };
}
