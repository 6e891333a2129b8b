using Cash.Web.Data;
using Cash.Web.Domain.Publications;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Publications;

/// <summary>
/// The first texts of the poster and the class-diary sheet, in French, Dutch and English, drawn
/// from the network's leaflet; put in the database as version 1 only while no text exists: from
/// then on the coordinators own them. The sheet's services and contacts are not in these texts:
/// they are printed from the directory.
/// </summary>
public sealed class PublicationSeeder(CashDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<(PublicationKind Kind, string Language), string> Defaults = new Dictionary<(PublicationKind, string), string>
    {
        [(PublicationKind.Poster, "fr")] = """
            # Le harcèlement, on en parle

            Tu te sens mis de côté, moqué, menacé ou frappé, à l'école ou en ligne ? **Ce n'est pas de ta faute, et tu n'es pas seul.**

            À Mouscron, plusieurs services se sont associés dans la **CASH**, la Cellule d'Actions Solidaires contre le Harcèlement, pour venir en aide aux personnes qui vivent une situation de harcèlement :

            - les 5 centres PMS inter-réseaux ;
            - le Service de Médiation Scolaire Wallonie ;
            - le Planning Familial « La Passerelle » ;
            - l'AMO « Le Déclic » ;
            - le Pôle Égalité des Chances ;
            - le Pôle Psycho-Social de la Police.

            ## Tu es témoin ?

            Ne laisse pas faire : parles-en à un adulte de confiance ou à l'un de ces services.

            ## Qui peut t'aider ?

            Une écoute, un soutien, une orientation vers le service le plus adapté, pour les jeunes, leur famille, les équipes éducatives et les classes.
            """,
        [(PublicationKind.Poster, "nl")] = """
            # Pesten, we praten erover

            Voel je je buitengesloten, uitgelachen, bedreigd of geslagen, op school of online? **Het is niet jouw schuld, en je staat er niet alleen voor.**

            In Moeskroen werken verschillende diensten samen in **CASH**, de Cel voor Solidaire Acties tegen Pesten, om wie met pesten te maken heeft te helpen:

            - de 5 PMS-centra van alle netten;
            - de Dienst Schoolbemiddeling Wallonië;
            - het Centrum voor Gezinsplanning "La Passerelle";
            - de AMO "Le Déclic";
            - de Dienst Gelijke Kansen;
            - de Psychosociale Dienst van de Politie.

            ## Ben je getuige?

            Laat het niet gebeuren: praat erover met een volwassene die je vertrouwt of met een van deze diensten.

            ## Wie kan je helpen?

            Een luisterend oor, steun en doorverwijzing naar de meest geschikte dienst, voor jongeren, hun gezin, schoolteams en klassen.
            """,
        [(PublicationKind.Poster, "en")] = """
            # Bullying: let's talk about it

            Do you feel left out, mocked, threatened or hit, at school or online? **It is not your fault, and you are not alone.**

            In Mouscron, several services have joined forces in **CASH**, the Solidarity Action Cell against Bullying, to help anyone living through bullying:

            - the 5 PMS centres of every school network;
            - the School Mediation Service of Wallonia;
            - the family planning centre "La Passerelle";
            - the youth service AMO "Le Déclic";
            - the Equal Opportunities Office;
            - the Police's psycho-social unit.

            ## Are you a witness?

            Don't let it happen: talk to an adult you trust or to one of these services.

            ## Who can help?

            Someone to listen, support, and a way to the service best suited, for young people, their families, school teams and classes.
            """,
        [(PublicationKind.ClassDiarySheet, "fr")] = """
            # Harcèlement : à qui s'adresser ?

            À Mouscron, plusieurs services se sont associés pour venir en aide aux personnes vivant une situation de harcèlement. Chacun peut agir à différents niveaux : écouter, soutenir, orienter vers le service le plus adapté, intervenir en classe.

            Tu peux contacter le service de ton choix. Certains n'agissent auprès de l'école ou de la classe **que si tu le souhaites**.

            En cas de danger immédiat : **112** (urgences) ou **101** (police). Écoute-Enfants : **103**.
            """,
        [(PublicationKind.ClassDiarySheet, "nl")] = """
            # Pesten: bij wie kan je terecht?

            In Moeskroen werken verschillende diensten samen om wie met pesten te maken heeft te helpen. Elke dienst kan op een ander niveau iets doen: luisteren, steunen, doorverwijzen naar de meest geschikte dienst, in de klas tussenkomen.

            Je kan contact opnemen met de dienst van je keuze. Sommige diensten komen bij de school of de klas **alleen tussen als jij dat wil**.

            Bij onmiddellijk gevaar: **112** (noodnummer) of **101** (politie). Awel: **102**.
            """,
        [(PublicationKind.ClassDiarySheet, "en")] = """
            # Bullying: who can you turn to?

            In Mouscron, several services have joined forces to help anyone living through bullying. Each can act in its own way: listen, support, point to the service best suited, come to the class.

            You can contact the service of your choice. Some act towards the school or the class **only if you wish**.

            In immediate danger: **112** (emergencies) or **101** (police). Children's helpline: **103**.
            """,
    };

    public async Task<int> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.PublicationTexts.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var at = clock.GetUtcNow();
        foreach (var ((kind, language), markdown) in Defaults)
        {
            db.PublicationTexts.Add(new PublicationText(Guid.CreateVersion7(), kind, language, 1, markdown, null, at));
        }

        await db.SaveChangesAsync(cancellationToken);
        return Defaults.Count;
    }
}
