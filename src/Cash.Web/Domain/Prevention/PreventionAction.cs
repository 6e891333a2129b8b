using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Prevention;

/// <summary>
/// A prevention action: a class workshop, a campaign, a training for school staff or an information
/// session for parents, run by one or several services in one or several schools on a (Brussels) day.
/// It says what was done for whom in numbers, never who: the form forbids naming a young person, so
/// nothing here is person data and no column is encrypted — but every text keeps its limit.
/// The service of the member who recorded it always stays among the services that ran it.
/// </summary>
public sealed class PreventionAction : IAuditedRecord
{
    public const int MaxClassesLength = 200;

    public const int MaxToolNameLength = 200;

    public const int MaxTextLength = 2_000;

    public const int MaxReached = 100_000;

    private readonly List<PreventionActionSchool> schools = [];

    private readonly List<PreventionActionService> services = [];

    private PreventionAction()
    {
    }

    public PreventionAction(Guid id, int recordingServiceId, Guid createdBy, DateTimeOffset at)
    {
        Id = id;
        RecordingServiceId = recordingServiceId;
        CreatedBy = createdBy;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public PreventionKind Kind { get; private set; }

    public PreventionThemes Themes { get; private set; }

    /// <summary>The Brussels day it took place on.</summary>
    public DateOnly Day { get; private set; }

    /// <summary>The classes or year groups, as the school names them ("3e B, 4e"); optional.</summary>
    public string? Classes { get; private set; }

    /// <summary>Pupils or adults reached.</summary>
    public int Reached { get; private set; }

    /// <summary>The tool used, as typed (the tools library links it later).</summary>
    public string? ToolName { get; private set; }

    /// <summary>A short report: what was done. Names no young person.</summary>
    public string? Report { get; private set; }

    /// <summary>The follow-up planned or advised. Names no young person.</summary>
    public string? FollowUp { get; private set; }

    /// <summary>The service of the member who recorded it: it always ran it.</summary>
    public int RecordingServiceId { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Checked on every write: two people changing it at once cannot both win.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<PreventionActionSchool> Schools => schools;

    public IReadOnlyList<PreventionActionService> Services => services;

    string IAuditedRecord.AuditId => Id.ToString();

    /// <summary>The school year it belongs to.</summary>
    public SchoolYear SchoolYear => SchoolYear.Of(Day);

    /// <summary>
    /// Sets what, when, where, by whom and for how many. At least one theme and one school; the
    /// recording service is kept among the services whatever the list says.
    /// </summary>
    public void Describe(PreventionKind kind, PreventionThemes themes, DateOnly day, IReadOnlyCollection<int> schoolIds, string? classes, int reached,
        IReadOnlyCollection<int> serviceIds, string? toolName, string? report, string? followUp)
    {
        ArgumentNullException.ThrowIfNull(schoolIds);
        ArgumentNullException.ThrowIfNull(serviceIds);
        if (themes == PreventionThemes.None)
        {
            throw new ArgumentException("An action has at least one theme.", nameof(themes));
        }

        if (schoolIds.Count == 0)
        {
            throw new ArgumentException("An action takes place in at least one school.", nameof(schoolIds));
        }

        if (reached is < 0 or > MaxReached)
        {
            throw new ArgumentOutOfRangeException(nameof(reached));
        }

        Kind = kind;
        Themes = themes;
        Day = day;
        Classes = Clean(classes, MaxClassesLength);
        Reached = reached;
        ToolName = Clean(toolName, MaxToolNameLength);
        Report = Clean(report, MaxTextLength);
        FollowUp = Clean(followUp, MaxTextLength);

        var wantedSchools = schoolIds.Distinct().ToHashSet();
        schools.RemoveAll(s => !wantedSchools.Contains(s.SchoolId));
        foreach (var school in wantedSchools.Where(id => !schools.Exists(s => s.SchoolId == id)))
        {
            schools.Add(new PreventionActionSchool(Id, school));
        }

        var wantedServices = serviceIds.Append(RecordingServiceId).ToHashSet();
        services.RemoveAll(s => !wantedServices.Contains(s.PartnerServiceId));
        foreach (var service in wantedServices.Where(id => !services.Exists(s => s.PartnerServiceId == id)))
        {
            services.Add(new PreventionActionService(Id, service));
        }

        Version++;
    }

    public bool RanBy(int serviceId) => services.Exists(s => s.PartnerServiceId == serviceId);

    private static string? Clean(string? text, int maximum)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length <= maximum ? trimmed : throw new ArgumentException($"At most {maximum} characters.", nameof(text));
    }
}

/// <summary>A school an action took place in.</summary>
public sealed class PreventionActionSchool
{
    private PreventionActionSchool()
    {
    }

    internal PreventionActionSchool(Guid actionId, int schoolId)
    {
        ActionId = actionId;
        SchoolId = schoolId;
    }

    public Guid ActionId { get; private set; }

    public int SchoolId { get; private set; }
}

/// <summary>A service that ran an action.</summary>
public sealed class PreventionActionService
{
    private PreventionActionService()
    {
    }

    internal PreventionActionService(Guid actionId, int serviceId)
    {
        ActionId = actionId;
        PartnerServiceId = serviceId;
    }

    public Guid ActionId { get; private set; }

    public int PartnerServiceId { get; private set; }
}

public enum PreventionKind
{
    ClassWorkshop = 0,
    Campaign = 1,
    StaffTraining = 2,
    ParentsSession = 3,
}

/// <summary>What an action is about; one or several.</summary>
[Flags]
public enum PreventionThemes
{
    None = 0,
    Bullying = 1,
    OnlineSafety = 2,
    Relationships = 4,
    RightsAndLaw = 8,
    Other = 16,
}
