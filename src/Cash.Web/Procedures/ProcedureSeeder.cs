using Cash.Web.Data;
using Cash.Web.Domain.Procedures;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Procedures;

/// <summary>
/// The network's first proposal of the two procedures (for a school's direction, for parents), drawn
/// from Belgian practice and clearly marked as a proposal to be validated by the network; put in the
/// database as version 1 only while no template exists: from then on the coordinators own them.
/// The deadlines are suggestions, never legal deadlines.
/// </summary>
public sealed class ProcedureSeeder(CashDbContext db, TimeProvider clock)
{
    public const string SchoolKey = "school";

    public const string ParentsKey = "parents";

    private static readonly LocalizedTexts Proposal = new(
        "Proposition — à valider par le réseau.",
        "Voorstel — te valideren door het netwerk.",
        "Proposal — to be validated by the network.");

    public async Task<int> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.ProcedureTemplates.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var at = clock.GetUtcNow();
        db.ProcedureTemplates.Add(Build(School(), at));
        db.ProcedureTemplates.Add(Build(Parents(), at));
        await db.SaveChangesAsync(cancellationToken);
        return 2;
    }

    private static ProcedureTemplate Build(SeedTemplate seed, DateTimeOffset at)
    {
        var template = new ProcedureTemplate(Guid.CreateVersion7(), seed.Key, seed.Audience, seed.Title, Intro(seed.Intro));
        var version = new ProcedureVersion(Guid.CreateVersion7(), template.Id, null, at);
        var keys = new List<Guid>();
        foreach (var step in seed.Steps)
        {
            var after = step.AfterStep is { } index ? keys[index] : (Guid?)null;
            var added = version.AddStep(new StepContent(step.Title, step.Guidance, step.Actor, step.Record, step.Days,
                after is null ? DeadlineStart.ChecklistStart : DeadlineStart.StepDone, after));
            keys.Add(added.Key);
        }

        version.Publish(1, null, at);
        template.Versions.Add(version);
        return template;
    }

    private static LocalizedTexts Intro(LocalizedTexts intro) =>
        new($"{Proposal.Fr} {intro.Fr}", $"{Proposal.Nl} {intro.Nl}", $"{Proposal.En} {intro.En}");

    private static LocalizedTexts T(string fr, string nl, string en) => new(fr, nl, en);

    private static SeedTemplate School() => new(
        SchoolKey,
        ProcedureAudience.SchoolDirection,
        T("Harcèlement grave : repères pour la direction d'école",
          "Ernstig pesten: houvast voor de schooldirectie",
          "Serious bullying: a guide for the school's direction"),
        T("Les étapes que le réseau propose quand un cas grave de harcèlement est signalé à l'école, dans l'ordre où elles protègent le mieux l'élève visé. Les délais sont des suggestions du réseau, pas des délais légaux.",
          "De stappen die het netwerk voorstelt wanneer een ernstig geval van pesten op school wordt gemeld, in de volgorde die de geviseerde leerling het best beschermt. De termijnen zijn suggesties van het netwerk, geen wettelijke termijnen.",
          "The steps the network proposes when a serious case of bullying is reported at school, in the order that best protects the targeted pupil. The deadlines are the network's suggestions, not legal deadlines."),
        [
            new(T("Entendre d'abord l'élève visé et le protéger", "Eerst de geviseerde leerling horen en beschermen", "Hear the targeted pupil first and protect them"),
                T("Recevoir l'élève seul, dans un lieu calme, sans le confronter aux auteurs. Le croire, le remercier d'avoir parlé, convenir avec lui de mesures de protection immédiates (adulte de référence, lieux et moments sûrs).",
                  "Ontvang de leerling alleen, op een rustige plek, zonder confrontatie met de daders. Geloof hem of haar, bedank voor het vertrouwen en spreek onmiddellijke beschermingsmaatregelen af (vertrouwenspersoon, veilige plaatsen en momenten).",
                  "See the pupil alone, somewhere quiet, without confronting them with those who bully. Believe them, thank them for speaking, and agree on immediate protection (a trusted adult, safe places and times)."),
                StepActor.SchoolDirection,
                T("La date de l'entretien et les mesures de protection convenues.", "De datum van het gesprek en de afgesproken beschermingsmaatregelen.", "The day of the interview and the protection agreed."),
                1, null),
            new(T("Mettre les faits par écrit", "De feiten op papier zetten", "Write down the facts"),
                T("Noter les faits rapportés, datés, avec les mots de l'élève, sans interprétation : ce qui s'est passé, où, quand, qui était présent, depuis quand.",
                  "Noteer de gemelde feiten, gedateerd, in de woorden van de leerling, zonder interpretatie: wat, waar, wanneer, wie aanwezig was, sinds wanneer.",
                  "Write down the facts reported, dated, in the pupil's words, without interpretation: what happened, where, when, who was there, since when."),
                StepActor.SchoolDirection,
                T("Où se trouve le compte rendu des faits.", "Waar het verslag van de feiten zich bevindt.", "Where the written account of the facts is kept."),
                2, null),
            new(T("Informer les parents", "De ouders informeren", "Inform the parents"),
                T("Informer les parents de l'élève visé de ce qui a été rapporté et des mesures de protection ; leur proposer une rencontre.",
                  "Informeer de ouders van de geviseerde leerling over wat gemeld werd en over de beschermingsmaatregelen; stel een gesprek voor.",
                  "Tell the targeted pupil's parents what was reported and what protection is in place; offer them a meeting."),
                StepActor.SchoolDirection,
                T("La date et la manière dont les parents ont été informés.", "De datum en de manier waarop de ouders geïnformeerd werden.", "When and how the parents were told."),
                2, null),
            new(T("Consulter le centre PMS de l'école", "Het CLB/PMS-centrum van de school raadplegen", "Consult the school's PMS centre"),
                T("Prendre contact avec le centre PMS (psycho-médico-social) attaché à l'école pour analyser la situation et envisager un accompagnement des élèves concernés.",
                  "Neem contact op met het PMS-centrum (CLB) van de school om de situatie te bekijken en begeleiding van de betrokken leerlingen te overwegen.",
                  "Contact the PMS (psycho-medical-social) centre attached to the school to look at the situation and consider support for the pupils concerned."),
                StepActor.PmsCentre,
                T("La date du contact et ce qui a été convenu.", "De datum van het contact en wat afgesproken werd.", "When they were contacted and what was agreed."),
                5, null),
            new(T("Entendre les élèves auteurs et les témoins", "De pestende leerlingen en de getuigen horen", "Hear the pupils who bully and the witnesses"),
                T("Entendre séparément les élèves auteurs et les témoins, après avoir protégé l'élève visé ; ne jamais organiser de confrontation directe.",
                  "Hoor de pestende leerlingen en de getuigen afzonderlijk, nadat de geviseerde leerling beschermd is; organiseer nooit een rechtstreekse confrontatie.",
                  "Hear the pupils who bully and the witnesses one by one, once the targeted pupil is protected; never arrange a face-to-face confrontation."),
                StepActor.SchoolDirection,
                T("Les dates des entretiens et leurs constats.", "De data van de gesprekken en de vaststellingen.", "The days of the interviews and what they established."),
                5, 0),
            new(T("Décider des mesures selon le règlement d'ordre intérieur", "Maatregelen beslissen volgens het schoolreglement", "Decide the measures under the school rules"),
                T("Décider des mesures éducatives, réparatrices ou disciplinaires prévues par le règlement d'ordre intérieur, et les communiquer aux élèves et aux parents concernés.",
                  "Beslis over de opvoedende, herstellende of tuchtmaatregelen die het schoolreglement voorziet, en deel ze mee aan de betrokken leerlingen en ouders.",
                  "Decide the educational, restorative or disciplinary measures the school rules provide, and tell the pupils and parents concerned."),
                StepActor.SchoolDirection,
                T("Les mesures décidées et leur date.", "De beslist maatregelen en hun datum.", "The measures decided and when."),
                10, 4),
            new(T("Faire un suivi après quelques semaines", "Na enkele weken opvolgen", "Follow up after a few weeks"),
                T("Revoir l'élève visé et ses parents après quelques semaines : le harcèlement a-t-il cessé ? Adapter les mesures si besoin.",
                  "Zie de geviseerde leerling en de ouders na enkele weken terug: is het pesten gestopt? Pas de maatregelen aan indien nodig.",
                  "See the targeted pupil and their parents again after a few weeks: has the bullying stopped? Adjust the measures if needed."),
                StepActor.SchoolDirection,
                T("La date du suivi et son constat.", "De datum van de opvolging en de vaststelling.", "The day of the follow-up and what was found."),
                20, 5),
        ]);

    private static SeedTemplate Parents() => new(
        ParentsKey,
        ProcedureAudience.Parents,
        T("Mon enfant est harcelé : repères pour les parents",
          "Mijn kind wordt gepest: houvast voor ouders",
          "My child is being bullied: a guide for parents"),
        T("Les étapes que le réseau propose pour accompagner des parents dont l'enfant est harcelé. Les délais sont des suggestions du réseau, pas des délais légaux.",
          "De stappen die het netwerk voorstelt om ouders te begeleiden van wie het kind gepest wordt. De termijnen zijn suggesties van het netwerk, geen wettelijke termijnen.",
          "The steps the network proposes to support parents whose child is being bullied. The deadlines are the network's suggestions, not legal deadlines."),
        [
            new(T("Écouter sans juger", "Luisteren zonder te oordelen", "Listen without judging"),
                T("Laisser l'enfant raconter à son rythme, le croire, ne pas lui reprocher de ne pas avoir parlé plus tôt ni lui conseiller de se défendre seul.",
                  "Laat het kind in zijn eigen tempo vertellen, geloof het, verwijt het niet dat het niet eerder sprak en raad het niet aan zich alleen te verdedigen.",
                  "Let the child tell it at their own pace, believe them, do not blame them for not speaking sooner nor tell them to fight back alone."),
                StepActor.Parents,
                T("Ce que l'enfant a raconté, avec ses mots.", "Wat het kind vertelde, in zijn woorden.", "What the child said, in their words."),
                null, null),
            new(T("Garder des preuves", "Bewijzen bewaren", "Keep evidence"),
                T("Faire des captures d'écran datées des messages et publications, noter les faits avec leur date ; ne pas répondre aux auteurs.",
                  "Maak gedateerde schermafbeeldingen van berichten en posts, noteer de feiten met hun datum; antwoord de daders niet.",
                  "Take dated screenshots of messages and posts, write the facts down with their dates; do not answer those who bully."),
                StepActor.Parents,
                T("Les preuves gardées et où elles se trouvent.", "De bewaarde bewijzen en waar ze zich bevinden.", "The evidence kept and where it is."),
                2, null),
            new(T("Écrire à la direction de l'école et demander une rencontre", "De schooldirectie schrijven en om een gesprek vragen", "Write to the school's direction and ask for a meeting"),
                T("Décrire les faits par écrit (courriel ou lettre) à la direction et demander un rendez-vous ; garder une copie.",
                  "Beschrijf de feiten schriftelijk (e-mail of brief) aan de directie en vraag een afspraak; bewaar een kopie.",
                  "Describe the facts in writing (e-mail or letter) to the direction and ask for an appointment; keep a copy."),
                StepActor.Parents,
                T("La date du courrier et celle du rendez-vous obtenu.", "De datum van de brief en van de afspraak.", "The day of the letter and of the meeting given."),
                5, null),
            new(T("Contacter le centre PMS de l'école", "Het PMS-centrum (CLB) van de school contacteren", "Contact the school's PMS centre"),
                T("Le centre PMS attaché à l'école écoute gratuitement l'enfant et ses parents et peut faire le lien avec l'école.",
                  "Het PMS-centrum (CLB) van de school luistert gratis naar het kind en de ouders en kan de brug maken met de school.",
                  "The PMS centre attached to the school listens to the child and parents free of charge and can liaise with the school."),
                StepActor.Parents,
                T("La date du contact et ce qui a été convenu.", "De datum van het contact en wat afgesproken werd.", "When they were contacted and what was agreed."),
                10, null),
            new(T("Trouver du soutien", "Steun vinden", "Find support"),
                T("Les services du réseau peuvent aider l'enfant et sa famille : voir l'annuaire sur /services.",
                  "De diensten van het netwerk kunnen het kind en het gezin helpen: zie de gids op /services.",
                  "The network's services can help the child and the family: see the directory at /services."),
                StepActor.LeadService,
                T("Le service contacté.", "De gecontacteerde dienst.", "The service contacted."),
                null, null),
            new(T("En cas d'infraction, s'informer sur le dépôt de plainte", "Bij een misdrijf informatie over klacht indienen", "For an offence, information on filing a complaint"),
                T("Menaces, coups, diffusion d'images intimes : le service d'assistance policière aux victimes (cellule psycho-sociale de la police) informe sur le dépôt de plainte et accompagne.",
                  "Bedreigingen, slagen, verspreiden van intieme beelden: de politionele slachtofferbejegening (psychosociale cel van de politie) informeert over klacht indienen en begeleidt.",
                  "Threats, blows, sharing of intimate images: the police's victim support (its psycho-social unit) explains how to file a complaint and supports the family."),
                StepActor.Police,
                T("L'information reçue et la suite décidée par la famille.", "De ontvangen informatie en het vervolg dat het gezin koos.", "The information given and what the family decided."),
                null, null),
        ]);

    private sealed record SeedTemplate(string Key, ProcedureAudience Audience, LocalizedTexts Title, LocalizedTexts Intro, SeedStep[] Steps);

    /// <summary>A step; <see cref="AfterStep"/> is the index of the step its deadline counts from (none: the checklist's start).</summary>
    private sealed record SeedStep(LocalizedTexts Title, LocalizedTexts Guidance, StepActor Actor, LocalizedTexts Record, int? Days, int? AfterStep);
}
