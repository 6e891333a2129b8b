using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Schools;

/// <summary>A school of Mouscron, its network, and the PMS centre (a partner service) that serves it.</summary>
public sealed class School : IAuditedRecord, IPublicContent
{
    private School()
    {
    }

    public School(string name, SchoolNetwork network, int? pmsServiceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Network = network;
        PmsServiceId = pmsServiceId;
    }

    public int Id { get; private set; }

    public string Name { get; set; } = "";

    public SchoolNetwork Network { get; set; }

    /// <summary>The PMS centre serving the school: choosing the school makes it a recommendation.</summary>
    public int? PmsServiceId { get; set; }

    /// <summary>Street and number, as the school writes it; optional.</summary>
    public string? Address { get; set; }

    public bool IsActive { get; set; } = true;

    string IAuditedRecord.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    string IPublicContent.PublicContentKind => PublicContentKinds.Schools;
}

/// <summary>The school networks of the Fédération Wallonie-Bruxelles present in Mouscron.</summary>
public enum SchoolNetwork
{
    Libre = 0,
    Provincial = 1,
    Wbe = 2,
    Communal = 3,
    Specialised = 4,
}
