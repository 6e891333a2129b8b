using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Situations;
using Cash.Web.Forms;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Situations;

/// <summary>
/// What the forms of a person involved send (<c>_PersonFields.cshtml</c>): pseudonymised by default
/// — a role, a pseudonym or initials, an age or age band, a school and class —, with an optional
/// identity that only a service allowed to see it may enter or change.
/// </summary>
[MessagesFrom(typeof(SituationTexts))]
public sealed class PersonInput
{
    public const int MaxNameLength = 100;

    public const int MaxContactLength = 200;

    public const int MaxParentsContactLength = 500;

    public const int MaxAge = 120;

    [Required(ErrorMessage = "Person.Role.Required")]
    public PersonRole? Role { get; set; }

    [Required(ErrorMessage = "Person.Pseudonym.Required")]
    [MaxTrimmedLength(InvolvedPerson.MaxPseudonymLength, ErrorMessage = "Person.Pseudonym.TooLong")]
    public string? Pseudonym { get; set; }

    public AgeBand AgeBand { get; set; } = AgeBand.Unknown;

    /// <summary>The age in years, when known exactly.</summary>
    public int? Age { get; set; }

    /// <summary>A school id, or empty.</summary>
    public string? School { get; set; }

    [MaxTrimmedLength(Situation.MaxClassLength, ErrorMessage = "Form.Class.TooLong")]
    public string? ClassName { get; set; }

    [MaxTrimmedLength(MaxNameLength, ErrorMessage = "Person.Name.TooLong")]
    public string? FirstName { get; set; }

    [MaxTrimmedLength(MaxNameLength, ErrorMessage = "Person.Name.TooLong")]
    public string? LastName { get; set; }

    /// <summary>As the date field sends it (<c>yyyy-MM-dd</c>), kept as typed when it is not a date.</summary>
    public string? BirthDate { get; set; }

    [MaxTrimmedLength(MaxContactLength, ErrorMessage = "Person.Contact.TooLong")]
    public string? Contact { get; set; }

    [MaxTrimmedLength(MaxParentsContactLength, ErrorMessage = "Person.Contact.TooLong")]
    public string? ParentsContact { get; set; }

    public static PersonInput From(InvolvedPerson person, string? pseudonym, PersonIdentity? identity)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new PersonInput
        {
            Role = person.Role,
            Pseudonym = pseudonym,
            AgeBand = person.AgeBand,
            Age = person.Age,
            School = person.SchoolId?.ToString(CultureInfo.InvariantCulture) ?? "",
            ClassName = person.ClassName,
            FirstName = identity?.FirstName,
            LastName = identity?.LastName,
            BirthDate = identity?.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Contact = identity?.Contact,
            ParentsContact = identity?.ParentsContact,
        };
    }

    /// <summary>
    /// Checks what the attributes cannot — the school against those offered (<paramref name="current"/>
    /// kept even once deactivated), the age against the band, the date of birth — and returns what to
    /// store, or null with the errors in <paramref name="state"/>. The identity is read only when
    /// <paramref name="withIdentity"/>: a service that may not see it cannot write it either.
    /// </summary>
    public Checked? Check(ModelStateDictionary state, IReadOnlyList<SchoolChoice> schools, int? current, bool withIdentity, DateOnly today, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(schools);
        ArgumentNullException.ThrowIfNull(text);
        int? schoolId = null;
        if (!string.IsNullOrEmpty(School))
        {
            if (int.TryParse(School, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && (id == current || schools.Any(s => s.Id == id)))
            {
                schoolId = id;
            }
            else
            {
                state.AddModelError("Input.School", text["Form.School.Unknown"]);
            }
        }

        if (schoolId is null && string.IsNullOrEmpty(School) && !string.IsNullOrWhiteSpace(ClassName))
        {
            state.AddModelError("Input.ClassName", text["Form.Class.NeedsSchool"]);
        }

        var band = AgeBand;
        if (Age is { } age)
        {
            if (age is < 0 or > MaxAge)
            {
                state.AddModelError("Input.Age", text["Person.Age.Invalid"]);
            }
            else if (band == AgeBand.Unknown)
            {
                band = BandOf(age);
            }
            else if (band != BandOf(age))
            {
                state.AddModelError("Input.Age", text["Person.Age.NotInBand"]);
            }
        }

        DateOnly? born = null;
        if (withIdentity && !string.IsNullOrWhiteSpace(BirthDate))
        {
            if (DateOnly.TryParseExact(BirthDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && date <= today && date.Year >= today.Year - MaxAge)
            {
                born = date;
            }
            else
            {
                state.AddModelError("Input.BirthDate", text["Person.BirthDate.Invalid"]);
            }
        }

        if (!state.IsValid || Role is not { } role)
        {
            return null;
        }

        var identity = withIdentity ? new PersonIdentity(Trimmed(FirstName), Trimmed(LastName), born, Trimmed(Contact), Trimmed(ParentsContact)) : null;
        return new Checked(role, Pseudonym!.Trim(), band, Age, schoolId, schoolId is null ? null : Trimmed(ClassName), identity);
    }

    /// <summary>The band an age falls in.</summary>
    public static AgeBand BandOf(int age) => age switch
    {
        < 10 => AgeBand.Under10,
        <= 12 => AgeBand.From10To12,
        <= 15 => AgeBand.From13To15,
        <= 18 => AgeBand.From16To18,
        _ => AgeBand.Over18,
    };

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <param name="Identity">Null when the identity is not this form's to write.</param>
    public sealed record Checked(PersonRole Role, string Pseudonym, AgeBand AgeBand, int? Age, int? SchoolId, string? ClassName, PersonIdentity? Identity)
    {
        /// <summary>Writes the pseudonymised part (the caller seals the pseudonym and the identity).</summary>
        public void ApplyTo(InvolvedPerson person)
        {
            ArgumentNullException.ThrowIfNull(person);
            person.Role = Role;
            person.AgeBand = AgeBand;
            person.Age = Age;
            person.SchoolId = SchoolId;
            person.ClassName = ClassName;
        }
    }
}

/// <summary>The person fields' partial: the form's input, the schools offered, and whether the identity is this viewer's to enter.</summary>
public sealed record PersonFields(PersonInput Input, IReadOnlyList<SchoolChoice> Schools, bool WithIdentity);
