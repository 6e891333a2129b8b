namespace Cash.Web.Domain;

/// <summary>A record whose creation and last-change times are filled in when it is saved.</summary>
public interface ITimestamped
{
    DateTimeOffset CreatedAt { get; set; }

    DateTimeOffset UpdatedAt { get; set; }
}
