using Cash.Web.Domain.Situations;

namespace Cash.Bench.SituationSeed;

/// <summary>
/// Made-up French texts of the length and tone professionals write: summaries, journal entries,
/// referral requests, pseudonyms and identities. Put together from a few pieces each, so that
/// values differ from row to row (and the database is not one repeated string) without a
/// dictionary of real names.
/// </summary>
internal static class Texts
{
    private static readonly string[] Contexts =
    [
        "Signalé par le titulaire de classe après plusieurs remarques d'autres élèves.",
        "La maman a appelé le service, inquiète du changement de comportement de sa fille.",
        "Le jeune est venu de lui-même à la permanence, accompagné d'un ami.",
        "Situation relayée par le centre PMS à la suite d'un entretien individuel.",
        "L'éducatrice de l'école a remarqué l'isolement de l'élève pendant les récréations.",
        "Demande arrivée par le formulaire d'aide, réponse anonyme avec code de suivi.",
        "Le papa a pris contact après avoir découvert des messages sur le téléphone de son fils.",
        "La direction de l'école a sollicité un accompagnement pour la classe.",
        "Un témoin a prévenu une enseignante, qui a orienté vers le service.",
        "Suite à une absence prolongée, l'école a contacté la famille puis le service.",
    ];

    private static readonly string[] Facts =
    [
        "Moqueries répétées sur l'apparence physique, surnoms blessants en classe et dans le bus.",
        "Exclusion systématique du groupe, rumeurs diffusées dans plusieurs classes.",
        "Messages insultants et photos détournées partagées dans un groupe de discussion.",
        "Bousculades dans les couloirs et affaires personnelles abîmées à plusieurs reprises.",
        "Menaces de violence à la sortie de l'école, le jeune change d'itinéraire pour rentrer.",
        "Propos discriminatoires liés à l'origine de la famille, tenus par un petit groupe d'élèves.",
        "Faux profil créé à son nom sur un réseau social, publications humiliantes.",
        "Remarques à caractère sexuel et gestes déplacés, l'élève n'ose plus se rendre aux cours de sport.",
        "Racket de la collation et de petites sommes d'argent pendant plusieurs semaines.",
        "Isolement progressif depuis un conflit entre anciens amis, qui s'est étendu à la classe.",
    ];

    private static readonly string[] States =
    [
        "L'élève dit avoir mal au ventre le matin et ne veut plus aller à l'école.",
        "Les résultats scolaires ont baissé, la famille souhaite un accompagnement.",
        "Le jeune souhaite être écouté mais ne veut pas que l'école soit prévenue pour l'instant.",
        "La famille accepte une rencontre avec l'école et le centre PMS.",
        "Le jeune a repris confiance depuis qu'un adulte de référence a été désigné.",
        "Des absences répétées sont signalées depuis un mois.",
        "La situation semble se calmer, un suivi reste prévu jusqu'aux vacances.",
        "Les parents envisagent un changement d'école si rien ne change.",
    ];

    private static readonly Dictionary<JournalKind, string[]> Openings = new()
    {
        [JournalKind.Contact] =
        [
            "Premier contact avec la famille par téléphone.",
            "Contact avec l'éducateur de l'école pour faire le point.",
            "Message reçu du jeune via le fil d'aide.",
            "Échange avec la titulaire à la sortie des cours.",
        ],
        [JournalKind.Interview] =
        [
            "Entretien individuel avec le jeune au service.",
            "Entretien avec les parents en présence du jeune.",
            "Entretien avec l'élève auteur, en présence de l'éducateur.",
            "Rencontre avec le témoin, qui confirme les faits décrits.",
        ],
        [JournalKind.Call] =
        [
            "Appel de la maman, inquiète après un nouvel incident.",
            "Appel à la direction pour convenir d'une rencontre.",
            "Appel du centre PMS pour coordonner les interventions.",
            "Rappel du jeune, qui souhaitait donner des nouvelles.",
        ],
        [JournalKind.Meeting] =
        [
            "Réunion de concertation à l'école avec la direction et le centre PMS.",
            "Rencontre réseau entre les services impliqués.",
            "Réunion avec les parents des deux élèves, animée par la médiatrice.",
            "Concertation téléphonique entre l'AMO et l'école.",
        ],
        [JournalKind.ClassAction] =
        [
            "Animation en classe sur le respect et le rôle des témoins.",
            "Atelier sur l'usage des réseaux sociaux avec toute la classe.",
            "Séance de travail en classe sur le climat du groupe.",
            "Intervention en classe à la demande de la titulaire.",
        ],
        [JournalKind.Note] =
        [
            "Note de suivi.",
            "Point sur la situation avant les congés.",
            "Observation transmise par l'éducatrice.",
            "Synthèse des dernières semaines.",
        ],
    };

    private static readonly string[] Continuations =
    [
        "Le jeune décrit une amélioration depuis la dernière rencontre, mais reste prudent.",
        "Les faits se poursuivent sur les réseaux sociaux, des captures d'écran ont été remises.",
        "La famille se sent soutenue et souhaite poursuivre l'accompagnement.",
        "Un adulte de référence a été désigné dans l'école ; le jeune sait à qui s'adresser.",
        "L'élève auteur reconnaît une partie des faits et accepte une médiation.",
        "Il est convenu de se revoir dans deux semaines pour évaluer la situation.",
        "Les parents souhaitent être tenus informés de chaque étape.",
        "Le groupe classe s'est montré réceptif, plusieurs élèves ont pris la parole.",
        "Le jeune ne souhaite pas, pour l'instant, que l'école contacte l'autre famille.",
        "Une orientation vers un suivi psychologique est proposée et sera rediscutée.",
    ];

    private static readonly string[] Requests =
    [
        "Pourriez-vous rencontrer le jeune et sa famille pour un accompagnement à l'école ?",
        "Nous sollicitons une médiation entre les élèves concernés, avec l'accord des familles.",
        "Demande de soutien pour une animation en classe sur le harcèlement.",
        "Pouvez-vous assurer un suivi psychosocial ? La famille est d'accord.",
        "La famille souhaite être accompagnée pour déposer plainte.",
        "Demande de relais pour un suivi pendant les vacances scolaires.",
    ];

    private static readonly string[] FirstNames =
    [
        "Inès", "Noah", "Lina", "Louis", "Emma", "Adam", "Jade", "Gabriel", "Mila", "Arthur",
        "Sofia", "Victor", "Alice", "Nathan", "Yasmine", "Lucas", "Chloé", "Elias", "Camille", "Rayan",
    ];

    private static readonly string[] LastNames =
    [
        "Dupont", "Lemaire", "Vandenberghe", "Declercq", "Moreau", "Benali", "Dubois", "Verhaeghe",
        "Lambert", "Ouali", "Desmet", "Leroy", "Janssens", "Delcourt", "Yilmaz", "Maes",
    ];

    private const string Letters = "ABCDEFGHIJKLMNOPRSTVWYZ";

    public static string Summary(Random random) =>
        $"{Pick(random, Contexts)} {Pick(random, Facts)} {Pick(random, States)}";

    public static string Entry(Random random, JournalKind kind)
    {
        var text = Pick(random, Openings[kind]) + " " + Pick(random, Continuations);
        return random.Next(3) == 0 ? text + " " + Pick(random, Continuations) : text;
    }

    public static string Request(Random random) => Pick(random, Requests);

    /// <summary>Initials (<c>L. M.</c>) or a made-up first name with an initial, as professionals write them.</summary>
    public static string Pseudonym(Random random) => random.Next(2) == 0
        ? $"{Letters[random.Next(Letters.Length)]}. {Letters[random.Next(Letters.Length)]}."
        : $"{Pick(random, FirstNames)} {Letters[random.Next(Letters.Length)]}.";

    public static PersonIdentity Identity(Random random, DateOnly? birthDate, bool young)
    {
        var first = Pick(random, FirstNames);
        var last = Pick(random, LastNames);
        var phone = $"04{random.Next(70, 100)} {random.Next(10, 100)} {random.Next(10, 100)} {random.Next(10, 100)}";
        return young
            ? new PersonIdentity(first, last, birthDate, null, $"{Pick(random, FirstNames)} {last}, {phone}")
            : new PersonIdentity(first, last, null, $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@example.invalid", null);
    }

    public static string ClassName(Random random) => $"{random.Next(1, 7)}{"ABCD"[random.Next(4)]}";

    private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];
}
