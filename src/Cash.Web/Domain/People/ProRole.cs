namespace Cash.Web.Domain.People;

/// <summary>What a professional may do on the platform (PRODUCT.md, "Roles").</summary>
public enum ProRole
{
    /// <summary>Works the service's inbox and the situations the service is involved in.</summary>
    Member = 0,

    /// <summary>A member who also manages the service's members and public profile.</summary>
    Lead = 1,

    /// <summary>Triages "orient me" requests, runs meetings, publishes content, sees anonymised statistics.</summary>
    Coordinator = 2,

    /// <summary>Accounts, services, schools, settings, audit log; no access to case content by role alone.</summary>
    Administrator = 3,
}
