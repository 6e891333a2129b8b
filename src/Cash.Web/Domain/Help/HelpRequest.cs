using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Calendar;

namespace Cash.Web.Domain.Help;

/// <summary>
/// A request for help sent from the public site to one service, or to CASH's triage ("orientez-moi")
/// when <see cref="PartnerServiceId"/> is null. Anonymous by default: the sender comes back with a
/// receipt code, of which only <see cref="ReceiptId"/> is stored in clear, and the whole code only as
/// HMAC-SHA256 under a pepper derived from the master key, over a random salt of its own
/// (<see cref="ReceiptSalt"/>, <see cref="ReceiptHash"/>): keyed rather than slow, so a stolen
/// database without the master key cannot test a single guess; that hash also covers the request's
/// <see cref="Id"/>, so it opens this request only. Of the form's one-time key only a keyed hash is
/// kept (<see cref="SubmissionKeyHash"/>). The free text and any contact details are stored
/// encrypted (FieldCipher), bound to this request; no IP address is ever stored.
/// </summary>
public sealed class HelpRequest : IAuditedRecord
{
    private HelpRequest()
    {
    }

    public HelpRequest(byte[] submissionKeyHash, int? partnerServiceId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(submissionKeyHash);
        Id = Guid.CreateVersion7();
        SubmissionKeyHash = submissionKeyHash;
        PartnerServiceId = partnerServiceId;
        CreatedAt = at;
        LastActivityAt = at;
    }

    /// <summary>The longest text a person writes in one go: a request, a reply, a service's answer.</summary>
    public const int MaxTextLength = 5000;

    public Guid Id { get; private set; }

    /// <summary>
    /// A keyed hash of the form's one-time key: a double click or a resubmission finds the request
    /// already made. Never the key itself: the receipt code is derived from it.
    /// </summary>
    public byte[] SubmissionKeyHash { get; private set; } = [];

    /// <summary>The service the request is addressed to; null while it waits in CASH's triage.</summary>
    public int? PartnerServiceId { get; private set; }

    /// <summary>The first digits of the receipt code, in clear, to find the request (not secret on its own).</summary>
    public string ReceiptId { get; set; } = "";

    public byte[] ReceiptSalt { get; set; } = [];

    public byte[] ReceiptHash { get; set; } = [];

    public SenderRole SenderRole { get; set; }

    public AgeBand AgeBand { get; set; }

    public int? SchoolId { get; set; }

    public BullyingForm Forms { get; set; }

    public bool HappensOnline { get; set; }

    public Duration Since { get; set; }

    public HelpWish Wishes { get; set; }

    /// <summary>What is happening, in the sender's words (≤ 5,000 characters), encrypted.</summary>
    public byte[] Text { get; set; } = [];

    public ReplyChannel ReplyChannel { get; set; }

    /// <summary>The e-mail address or phone number to answer on, encrypted; null for the receipt channel.</summary>
    public byte[]? Contact { get; set; }

    /// <summary>Explicit consent: the service may contact the young person's school.</summary>
    public bool MayContactSchool { get; set; }

    /// <summary>Explicit consent: the service may pass the request to another CASH service.</summary>
    public bool MayForward { get; set; }

    public HelpRequestStatus Status { get; private set; }

    public HelpOutcome? Outcome { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Last message or change, from either side: the inactivity clock for expiry.</summary>
    public DateTimeOffset LastActivityAt { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public List<HelpMessage> Messages { get; private set; } = [];

    /// <summary>
    /// Counts the changes of state, and is checked by the database on every write (a concurrency
    /// token): of two people changing the request at the same moment — a service answering while
    /// the sender closes — the later write is refused instead of silently undoing the other.
    /// Messages alone do not count: they add to the thread and never conflict with one another.
    /// </summary>
    public int Version { get; private set; }

    string IAuditedRecord.AuditId => Id.ToString();

    public bool IsClosed => Status == HelpRequestStatus.Closed;

    public void Acknowledge(DateTimeOffset at)
    {
        EnsureOpen();
        if (Status == HelpRequestStatus.New)
        {
            Status = HelpRequestStatus.Acknowledged;
            AcknowledgedAt = at;
            LastActivityAt = at;
            Version++;
        }
    }

    /// <summary>Adds a message to the thread; an answer from the service also acknowledges the request.</summary>
    public HelpMessage Write(MessageAuthor author, byte[] encryptedBody, Guid messageId, Guid? professionalId, DateTimeOffset at)
    {
        EnsureOpen();
        if (author == MessageAuthor.Service)
        {
            Acknowledge(at);
        }

        var message = new HelpMessage(messageId, Id, author, PartnerServiceId, professionalId, encryptedBody, at);
        Messages.Add(message);
        LastActivityAt = at;

        // A message adds to the thread without changing its state: two written at the same moment
        // (two tabs, the sender and the service) are both kept. The row's update still carries the
        // version it read, so a message written on a copy that was closed or passed on meanwhile is refused.
        return message;
    }

    /// <summary>Passes the request to another service: only with the sender's consent (PRODUCT.md, "consent first").</summary>
    public void ForwardTo(int partnerServiceId, DateTimeOffset at)
    {
        EnsureOpen();
        if (!MayForward)
        {
            throw new InvalidOperationException("The sender did not agree to their request being passed on.");
        }

        if (partnerServiceId == PartnerServiceId)
        {
            throw new InvalidOperationException("The request is already with this service.");
        }

        PartnerServiceId = partnerServiceId;
        Status = HelpRequestStatus.New;
        AcknowledgedAt = null;
        EscalatedAt = null;
        LastActivityAt = at;
        Version++;
    }

    /// <summary>CASH's triage gives an "orient me" request to a service; that needs no forwarding consent, it is what was asked.</summary>
    public void AssignFromTriage(int partnerServiceId, DateTimeOffset at)
    {
        EnsureOpen();
        if (PartnerServiceId is not null)
        {
            throw new InvalidOperationException("Only a request waiting in the triage can be assigned.");
        }

        PartnerServiceId = partnerServiceId;
        LastActivityAt = at;
        Version++;
    }

    /// <summary>The sender later agrees to be passed on (asked in the thread).</summary>
    public void AllowForwarding(DateTimeOffset at)
    {
        EnsureOpen();
        MayForward = true;
        LastActivityAt = at;
        Version++;
    }

    public void MarkEscalated(DateTimeOffset at)
    {
        if (EscalatedAt is null)
        {
            EscalatedAt = at;
            Version++;
        }
    }

    public void Close(HelpOutcome outcome, DateTimeOffset at)
    {
        EnsureOpen();
        Status = HelpRequestStatus.Closed;
        Outcome = outcome;
        ClosedAt = at;
        LastActivityAt = at;
        Version++;
    }

    public bool IsInactiveSince(DateTimeOffset now, TimeSpan inactivity) => now - LastActivityAt >= inactivity;

    /// <summary>
    /// Not acknowledged within <paramref name="workingDays"/> working days of its arrival: due once the
    /// last of them has ended (<see cref="WorkingDays.AddTo"/>, Brussels days without public holidays).
    /// </summary>
    public bool NeedsEscalation(DateTimeOffset now, int workingDays) =>
        Status == HelpRequestStatus.New && EscalatedAt is null && now >= WorkingDays.AddTo(CreatedAt, workingDays);

    private void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new InvalidOperationException("The request is closed.");
        }
    }
}

/// <summary>One message of a request's thread, from the sender or from the service; the body is encrypted.</summary>
public sealed class HelpMessage
{
    private HelpMessage()
    {
    }

    internal HelpMessage(Guid id, Guid helpRequestId, MessageAuthor author, int? partnerServiceId, Guid? professionalId, byte[] body, DateTimeOffset at)
    {
        Id = id;
        HelpRequestId = helpRequestId;
        Author = author;
        PartnerServiceId = partnerServiceId;
        ProfessionalId = professionalId;
        Body = body;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid HelpRequestId { get; private set; }

    public MessageAuthor Author { get; private set; }

    /// <summary>For an answer: the service that wrote it.</summary>
    public int? PartnerServiceId { get; private set; }

    /// <summary>For an answer: who wrote it (shown to colleagues only, never to the sender).</summary>
    public Guid? ProfessionalId { get; private set; }

    public byte[] Body { get; private set; } = [];

    public DateTimeOffset At { get; private set; }
}
