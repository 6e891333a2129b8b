using System.Resources;

[assembly: NeutralResourcesLanguage("fr")]

namespace Cash.Web.Resources;

/// <summary>Interface strings shared by every page: navigation, urgent help, forms, errors (<c>Ui*.resx</c>).</summary>
public sealed class Ui;

/// <summary>The long public texts: what bullying is, about CASH, privacy, accessibility (<c>Content*.resx</c>).</summary>
public sealed class Content;

/// <summary>The professionals' space: sign-in, accounts, administration, audit log (<c>ProSpace*.resx</c>).</summary>
public sealed class ProSpace;

/// <summary>The public portal's help features: orientation assistant, help requests, follow-up (<c>Portal*.resx</c>).</summary>
public sealed class Portal;

/// <summary>The situations (shared case files): people, journal, referrals, consents, documents (<c>SituationTexts*.resx</c>).</summary>
public sealed class SituationTexts;

/// <summary>Tasks: the list, the form, a task's page, a situation's tasks (<c>TaskTexts*.resx</c>).</summary>
public sealed class TaskTexts;

/// <summary>The meetings: agenda, attendance, minutes, decisions, invitations, the personal calendar (<c>MeetingTexts*.resx</c>).</summary>
public sealed class MeetingTexts;

/// <summary>The joint interventions in classes: calendar, plan, answers, report (<c>InterventionTexts*.resx</c>).</summary>
public sealed class InterventionTexts;

/// <summary>Prevention: the actions in schools and the coverage per school year (<c>PreventionTexts*.resx</c>).</summary>
public sealed class PreventionTexts;
/// <summary>The tools library: tools, their files, bookings of kits, where a tool was used (<c>ToolTexts*.resx</c>).</summary>
public sealed class ToolTexts;

/// <summary>The serious-case procedures: templates, versions, checklists on situations (<c>ProcedureTexts*.resx</c>).</summary>
public sealed class ProcedureTexts;

/// <summary>The public resources (procedures, poster, class-diary sheet), their PDF files and the coordinators' texts (<c>ResourceTexts*.resx</c>).</summary>
public sealed class ResourceTexts;
