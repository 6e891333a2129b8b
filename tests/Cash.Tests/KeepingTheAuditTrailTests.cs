using System.Globalization;
using System.Security.Cryptography;
using Cash.Tests.Infrastructure;
using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Directory;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// The audit trail: entries chain and verify; altering, deleting, inserting or reordering an
/// entry with plain SQL is caught at the right place; concurrent appends, in one instance or
/// several, never fork the chain; protected records are audited when saved; the administrator's
/// query filters and pages. Every test starts a fresh chain on the class's database.
/// </summary>
public abstract class KeepingTheAuditTrailTests(CashApp app) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 27, 9, 15, 30, TimeSpan.Zero).AddTicks(1_234_567);
    private static readonly Guid Alice = Guid.Parse("7d1f6f0e-3a52-4c1b-9d55-0f3f0a9a1c01");
    private static readonly Guid Bob = Guid.Parse("0b6c2d4e-8f10-4a2b-b3c4-d5e6f7a8b902");

    private readonly AuditClock clock = new(Start);
    private AuditInstance? instance;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AuditInstance Instance => instance ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync()
    {
        await AuditTampering.ClearAsync(app.Database, Ct);
        instance = AuditInstance.On(app.Database, clock);
    }

    public async ValueTask DisposeAsync()
    {
        if (instance is not null)
        {
            await instance.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AnEmptyTrailVerifies()
    {
        Assert.Equal(new AuditVerification(true, 0, null, null), await Instance.VerifyAsync(Ct));
    }

    [Fact]
    public async Task EntriesAreNumberedChainedAndVerify()
    {
        await RecordFiveAsync();

        Assert.Equal(new AuditVerification(true, 5, null, null), await Instance.VerifyAsync(Ct));
        var entries = await Instance.EntriesAsync(Ct);
        Assert.Equal([1L, 2, 3, 4, 5], entries.Select(e => e.Sequence));
        Assert.All(entries, e => Assert.Equal(AuditSeal.HashLength, e.Hash.Length));
        Assert.Equal(entries.Count, entries.Select(e => Convert.ToHexString(e.Hash)).Distinct().Count());

        // Stored to the millisecond, from the injected clock, in UTC.
        Assert.Equal(
            Enumerable.Range(1, 5).Select(i => AuditEntry.TruncateToMilliseconds(Start.AddMinutes(i))),
            entries.Select(e => e.At));

        var third = entries[2];
        Assert.Equal(
            (AuditActions.Update, AuditOutcome.Denied, (string?)null, (string?)"42", (Guid?)Alice, (int?)4),
            (third.Action, third.Outcome, third.EntityType, third.EntityId, third.ActorId, third.PartnerServiceId));
    }

    [Theory]
    [InlineData("Action")]
    [InlineData("EntityId")]
    [InlineData("EntityType")]
    [InlineData("Outcome")]
    [InlineData("ActorId")]
    [InlineData("PartnerServiceId")]
    [InlineData("At")]
    [InlineData("AtByLessThanAMillisecond")]
    [InlineData("Hash")]
    public async Task ChangingAnyFieldOfAnEntryIsDetectedAsAlteredAtThatEntry(string field)
    {
        await RecordFiveAsync();

        switch (field)
        {
            case "At":
                await AuditTampering.ShiftTimeAsync(app.Database, 3, TimeSpan.FromSeconds(1), Ct);
                break;
            case "AtByLessThanAMillisecond":
                await AuditTampering.ShiftTimeAsync(app.Database, 3, TimeSpan.FromTicks(5_000), Ct);
                break;
            default:
                await AuditTampering.ExecuteAsync(app.Database, field switch
                {
                    "Action" => $"""UPDATE "AuditEntries" SET "Action" = 'record.read' WHERE "Sequence" = 3""",
                    "EntityId" => $"""UPDATE "AuditEntries" SET "EntityId" = '43' WHERE "Sequence" = 3""",

                    // Nothing and an empty text are different values to the seal.
                    "EntityType" => $"""UPDATE "AuditEntries" SET "EntityType" = '' WHERE "Sequence" = 3""",
                    "Outcome" => $"""UPDATE "AuditEntries" SET "Outcome" = 'Success' WHERE "Sequence" = 3""",
                    "ActorId" => $"""UPDATE "AuditEntries" SET "ActorId" = NULL WHERE "Sequence" = 3""",
                    "PartnerServiceId" => $"""UPDATE "AuditEntries" SET "PartnerServiceId" = 9 WHERE "Sequence" = 3""",
                    "Hash" => $"""UPDATE "AuditEntries" SET "Hash" = {RandomNumberGenerator.GetBytes(32)} WHERE "Sequence" = 3""",
                    _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
                }, Ct);
                break;
        }

        Assert.Equal(new AuditVerification(false, 2, 3, AuditProblem.Altered), await Instance.VerifyAsync(Ct));
    }

    [Theory]
    [InlineData("OutcomeUnknown")]
    [InlineData("OutcomeOutOfRange")]
    public async Task AnOutcomeEditedToAValueTheApplicationNeverWritesIsReportedAsUnreadableAtThatEntry(string field)
    {
        await RecordFiveAsync();

        await AuditTampering.ExecuteAsync(app.Database, field switch
        {
            "OutcomeUnknown" => $"""UPDATE "AuditEntries" SET "Outcome" = 'x' WHERE "Sequence" = 3""",
            "OutcomeOutOfRange" => $"""UPDATE "AuditEntries" SET "Outcome" = 99 WHERE "Sequence" = 3""",
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        }, Ct);

        Assert.Equal(new AuditVerification(false, 2, 3, AuditProblem.Unreadable), await Instance.VerifyAsync(Ct));
        Assert.Equal([false], (await Instance.FindAsync(new AuditFilter(EntityId: "42"), null, Ct)).Lines.Select(l => l.IsReadable));
    }

    [Fact]
    public async Task ATimeEditedToSomethingThatIsNoTimeIsReportedAtThatEntry()
    {
        await RecordFiveAsync();

        if (app.Database.Provider == DatabaseProvider.Sqlite)
        {
            // SQLite keeps whatever it is given, even text in a column of numbers.
            await AuditTampering.ExecuteAsync(app.Database, $"""UPDATE "AuditEntries" SET "At" = 'not a time' WHERE "Sequence" = 3""", Ct);
            Assert.Equal(new AuditVerification(false, 2, 3, AuditProblem.Unreadable), await Instance.VerifyAsync(Ct));
        }
        else
        {
            // PostgreSQL only holds times; its 'infinity' reads as the latest time there is, which the seal refuses.
            await AuditTampering.ExecuteAsync(app.Database, $"""UPDATE "AuditEntries" SET "At" = 'infinity' WHERE "Sequence" = 3""", Ct);
            Assert.Equal(new AuditVerification(false, 2, 3, AuditProblem.Altered), await Instance.VerifyAsync(Ct));
        }

        // The administrator's list still opens, the entry shown as one that cannot be read or with its odd time.
        var lines = (await Instance.FindAsync(new AuditFilter(), null, Ct)).Lines;
        Assert.Equal([5L, 4, 3, 2, 1], lines.Select(l => l.Sequence));
    }

    [Fact]
    public async Task AnOutcomeWithTheRightNameInTheWrongCaseIsNotReadAsThatOutcome()
    {
        await RecordFiveAsync();

        // The second entry is a success: read leniently, 'SUCCESS' would seal as if nothing had changed.
        await AuditTampering.ExecuteAsync(app.Database, $"""UPDATE "AuditEntries" SET "Outcome" = 'SUCCESS' WHERE "Sequence" = 2""", Ct);

        Assert.Equal(new AuditVerification(false, 1, 2, AuditProblem.Unreadable), await Instance.VerifyAsync(Ct));
    }

    [Fact]
    public async Task AnUnreadableEntryAfterTheLastStillLetsTheOneBeforeItBeDiagnosed()
    {
        await RecordFiveAsync();

        // Entry 3 altered, entry 4 unreadable: the diagnosis of 3 reads 4 and must not stop there.
        await AuditTampering.ExecuteAsync(app.Database, $"""UPDATE "AuditEntries" SET "EntityId" = '43' WHERE "Sequence" = 3""", Ct);
        await AuditTampering.ExecuteAsync(app.Database, $"""UPDATE "AuditEntries" SET "Outcome" = 'x' WHERE "Sequence" = 4""", Ct);

        Assert.Equal(new AuditVerification(false, 2, 3, AuditProblem.Altered), await Instance.VerifyAsync(Ct));
    }

    [Fact]
    public async Task DeletingAnEntryInTheMiddleIsDetectedAsMissing()
    {
        await RecordFiveAsync();

        await AuditTampering.ExecuteAsync(app.Database, $"""DELETE FROM "AuditEntries" WHERE "Sequence" = 3""", Ct);

        Assert.Equal(new AuditVerification(false, 2, 3, AuditProblem.Missing), await Instance.VerifyAsync(Ct));
    }

    [Fact]
    public async Task DeletingTheFirstEntryIsDetectedAsMissing()
    {
        await RecordFiveAsync();

        await AuditTampering.ExecuteAsync(app.Database, $"""DELETE FROM "AuditEntries" WHERE "Sequence" = 1""", Ct);

        Assert.Equal(new AuditVerification(false, 0, 1, AuditProblem.Missing), await Instance.VerifyAsync(Ct));
    }

    [Fact]
    public async Task DeletingAnEntryAndRenumberingTheRestToHideTheGapIsDetectedAsMissing()
    {
        await RecordFiveAsync();

        await AuditTampering.ExecuteAsync(app.Database, $"""DELETE FROM "AuditEntries" WHERE "Sequence" = 3""", Ct);
        await AuditTampering.RenumberAsync(app.Database, from: 4, delta: -1, Ct);

        Assert.Equal(new AuditVerification(false, 2, 3, AuditProblem.Missing), await Instance.VerifyAsync(Ct));
    }

    [Fact]
    public async Task AForgedEntrySlippedInTheMiddleByRenumberingIsDetectedAsInserted()
    {
        await RecordFiveAsync();

        await AuditTampering.RenumberAsync(app.Database, from: 3, delta: 1, Ct);
        await AuditTampering.InsertForgedAsync(app.Database, 3, Start.AddMinutes(3), Ct);

        Assert.Equal(new AuditVerification(false, 2, 3, AuditProblem.Inserted), await Instance.VerifyAsync(Ct));
    }

    [Fact]
    public async Task AForgedEntryAddedAfterTheLastIsDetected()
    {
        await RecordFiveAsync();

        await AuditTampering.InsertForgedAsync(app.Database, 6, Start.AddMinutes(6), Ct);

        // The newest entry has no successor to tell a forgery from an alteration: either way it does not match its seal.
        Assert.Equal(new AuditVerification(false, 5, 6, AuditProblem.Altered), await Instance.VerifyAsync(Ct));
    }

    [Fact]
    public async Task AForgedEntryNumberedBeforeTheFirstIsDetectedAsInserted()
    {
        await RecordFiveAsync();

        await AuditTampering.InsertForgedAsync(app.Database, 0, Start, Ct);

        Assert.Equal(new AuditVerification(false, 0, 0, AuditProblem.Inserted), await Instance.VerifyAsync(Ct));
    }

    [Fact]
    public async Task SwappingTwoEntriesIsDetectedAsOutOfPlace()
    {
        await RecordFiveAsync();

        await AuditTampering.SwapAsync(app.Database, 3, 4, Ct);

        Assert.Equal(new AuditVerification(false, 2, 3, AuditProblem.Inserted), await Instance.VerifyAsync(Ct));
    }

    [Fact]
    public void AMissingValueAndAnEmptyOneAreSealedDifferently()
    {
        var missing = new AuditEntry(AuditActions.Read, AuditOutcome.Success, null, null, "PartnerService", null);
        var empty = new AuditEntry(AuditActions.Read, AuditOutcome.Success, null, null, "PartnerService", "");

        Assert.NotEqual(
            Instance.Seal.HashOf(1, Start, missing, AuditSeal.Genesis),
            Instance.Seal.HashOf(1, Start, empty, AuditSeal.Genesis));

        // Nor can text slide from one field into the next.
        Assert.NotEqual(
            Instance.Seal.HashOf(1, Start, new AuditEntry("record.read", AuditOutcome.Success, null, null, "Ab", "c"), AuditSeal.Genesis),
            Instance.Seal.HashOf(1, Start, new AuditEntry("record.read", AuditOutcome.Success, null, null, "A", "bc"), AuditSeal.Genesis));
    }

    [Fact]
    public async Task FiftyAppendsAtOnceMakeOneGaplessChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(
            () => Instance.Trail.RecordAsync(AuditActions.Read, AuditOutcome.Success, "PartnerService", i.ToString(CultureInfo.InvariantCulture), Alice, cancellationToken: Ct),
            Ct)));

        Assert.Equal(new AuditVerification(true, 50, null, null), await Instance.VerifyAsync(Ct));
        var entries = await Instance.EntriesAsync(Ct);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString(CultureInfo.InvariantCulture)).Order(), entries.Select(e => e.EntityId!).Order());
    }

    [Fact]
    public async Task TwoAppInstancesAppendingAtOnceNeverForkTheChain()
    {
        // Each instance has its own in-process lock; only the database's lock keeps them in line.
        await using var other = AuditInstance.On(app.Database, clock);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(
            () => (i % 2 == 0 ? Instance : other).Trail.RecordAsync(AuditActions.SignIn, AuditOutcome.Success, actorId: Alice, cancellationToken: Ct),
            Ct)));

        Assert.Equal(new AuditVerification(true, 40, null, null), await Instance.VerifyAsync(Ct));
        Assert.Equal(new AuditVerification(true, 40, null, null), await other.VerifyAsync(Ct));
    }

    [Fact]
    public async Task EditingAPartnerServiceRecordsItsUpdate()
    {
        var id = await Instance.InContextAsync(async db =>
        {
            var service = await db.PartnerServices.OrderBy(s => s.Id).FirstAsync(Ct);
            service.Phone = "056/00 00 01";
            await db.SaveChangesAsync(Ct);
            return service.Id;
        });

        var entry = Assert.Single(await Instance.EntriesAsync(Ct));
        Assert.Equal(
            (AuditActions.Update, "PartnerService", id.ToString(CultureInfo.InvariantCulture), AuditOutcome.Success),
            (entry.Action, entry.EntityType, entry.EntityId, entry.Outcome));
        Assert.True((await Instance.VerifyAsync(Ct)).IsIntact);
    }

    [Fact]
    public async Task TheApplicationsOwnContextAuditsProtectedRecords()
    {
        var id = await app.InDatabaseAsync(async db =>
        {
            var service = await db.PartnerServices.OrderByDescending(s => s.Id).FirstAsync(Ct);
            service.Phone = "056/00 00 04";
            await db.SaveChangesAsync(Ct);
            return service.Id;
        });

        var entry = Assert.Single(await Instance.EntriesAsync(Ct));
        Assert.Equal((AuditActions.Update, "PartnerService", id.ToString(CultureInfo.InvariantCulture)), (entry.Action, entry.EntityType, entry.EntityId));
        Assert.True((await Instance.VerifyAsync(Ct)).IsIntact);
    }

    [Fact]
    public async Task CreatingAndDeletingAProtectedRecordRecordsBothWithItsNewId()
    {
        var id = await Instance.InContextAsync(async db =>
        {
            var service = NewService();
            db.PartnerServices.Add(service);
            await db.SaveChangesAsync(Ct);
            db.PartnerServices.Remove(service);
            await db.SaveChangesAsync(Ct);
            return service.Id;
        });

        var stored = await Instance.EntriesAsync(Ct);
        Assert.Equal(
            [(AuditActions.Create, id.ToString(CultureInfo.InvariantCulture)), (AuditActions.Delete, id.ToString(CultureInfo.InvariantCulture))],
            stored.Select(e => (e.Action, e.EntityId!)));
        Assert.True(id > 0);
    }

    [Fact]
    public async Task AChangeInsideATransactionIsRecordedOnlyOnceCommitted()
    {
        await Instance.InContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var service = await db.PartnerServices.OrderBy(s => s.Id).FirstAsync(Ct);
            service.SortOrder += 1;
            await db.SaveChangesAsync(Ct);

            Assert.Empty(await Instance.EntriesAsync(Ct));
            await transaction.CommitAsync(Ct);
        });

        Assert.Equal(AuditActions.Update, Assert.Single(await Instance.EntriesAsync(Ct)).Action);
    }

    [Fact]
    public async Task AChangeRolledBackLeavesNoEntry()
    {
        await Instance.InContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var service = await db.PartnerServices.OrderBy(s => s.Id).FirstAsync(Ct);
            service.SortOrder += 1;
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        });

        Assert.Empty(await Instance.EntriesAsync(Ct));
    }

    [Fact]
    public async Task AFailedSaveLeavesNoEntry()
    {
        var taken = await Instance.InContextAsync(db => db.PartnerServices.Select(s => s.Slug).FirstAsync(Ct));

        await Assert.ThrowsAsync<DbUpdateException>(() => Instance.InContextAsync(async db =>
        {
            db.PartnerServices.Add(new PartnerService(taken, ServiceKind.YouthAid, "056/00 00 02", "audit@example.org"));
            await db.SaveChangesAsync(Ct);
        }));

        Assert.Empty(await Instance.EntriesAsync(Ct));
    }

    [Fact]
    public async Task ReadsAndExportsAreRecordedWithOneCall()
    {
        var service = await Instance.InContextAsync(db => db.PartnerServices.AsNoTracking().OrderBy(s => s.Id).FirstAsync(Ct));
        var id = service.Id.ToString(CultureInfo.InvariantCulture);

        await Instance.Trail.RecordReadAsync(service, actorId: Alice, cancellationToken: Ct);
        await Instance.Trail.RecordReadAsync(service, AuditOutcome.Denied, actorId: Bob, cancellationToken: Ct);
        await Instance.Trail.RecordExportAsync(service, actorId: Alice, cancellationToken: Ct);
        await Instance.Trail.RecordExportAsync("Statistics", actorId: Alice, cancellationToken: Ct);

        Assert.Equal(
            [
                (AuditActions.Read, "PartnerService", id, AuditOutcome.Success, Alice),
                (AuditActions.Read, "PartnerService", id, AuditOutcome.Denied, Bob),
                (AuditActions.Export, "PartnerService", id, AuditOutcome.Success, Alice),
                (AuditActions.Export, "Statistics", (string?)null, AuditOutcome.Success, Alice),
            ],
            (await Instance.EntriesAsync(Ct)).Select(e => (e.Action, e.EntityType!, e.EntityId, e.Outcome, e.ActorId!.Value)));
    }

    [Fact]
    public async Task TheSignedInProfessionalIsTheActorAndTheirServiceTheService()
    {
        Instance.SignInAs(Alice, partnerServiceId: 4);

        await Instance.Trail.RecordAsync(AuditActions.SignOutEverywhere, AuditOutcome.Success, cancellationToken: Ct);
        await Instance.Trail.RecordAsync(AuditActions.SignIn, AuditOutcome.Failure, actorId: Bob, cancellationToken: Ct);
        await Instance.Trail.RecordAsync(AuditActions.RoleChange, AuditOutcome.Success, "Professional", Bob.ToString(), partnerServiceId: 7, cancellationToken: Ct);

        Assert.Equal(
            [((Guid?)Alice, (int?)4), (Bob, null), (Alice, 7)],
            (await Instance.EntriesAsync(Ct)).Select(e => (e.ActorId, e.PartnerServiceId)));
    }

    [Fact]
    public async Task AValueTooLongForItsColumnIsRefusedAndNothingIsWritten()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Instance.Trail.RecordAsync(AuditActions.Read, AuditOutcome.Success, "PartnerService", new string('1', AuditTrail.MaxEntityIdLength + 1), cancellationToken: Ct));

        Assert.Empty(await Instance.EntriesAsync(Ct));
    }

    [Fact]
    public async Task TheAdministratorPagesThroughTheTrailNewestFirst()
    {
        var recorded = await RecordManyAsync(120);

        var first = await Instance.FindAsync(new AuditFilter(), null, Ct);
        var second = await Instance.FindAsync(new AuditFilter(), first.NextBefore, Ct);
        var last = await Instance.FindAsync(new AuditFilter(), second.NextBefore, Ct);

        Assert.Equal(Sequences(120, 71), first.Lines.Select(l => l.Sequence));
        Assert.Equal(Sequences(70, 21), second.Lines.Select(l => l.Sequence));
        Assert.Equal(Sequences(20, 1), last.Lines.Select(l => l.Sequence));
        Assert.Null(last.NextBefore);

        var newest = recorded[^1];
        Assert.Equal(
            new AuditLine(120, newest.At, newest.Actor, null, newest.Action, "PartnerService", "120", newest.Outcome),
            first.Lines[0]);
    }

    [Fact]
    public async Task TheAdministratorFiltersByActionOutcomeActorAndTime()
    {
        var recorded = await RecordManyAsync(120);
        var from = new DateTimeOffset(2026, 11, 27, 10, 45, 0, TimeSpan.FromHours(1));
        var to = new DateTimeOffset(2026, 11, 27, 10, 15, 0, TimeSpan.Zero);

        await AssertFindsAsync(new AuditFilter(Action: AuditActions.Read), r => r.Action == AuditActions.Read);
        await AssertFindsAsync(new AuditFilter(Outcome: AuditOutcome.Denied), r => r.Outcome == AuditOutcome.Denied);
        await AssertFindsAsync(new AuditFilter(ActorId: Bob), r => r.Actor == Bob);
        await AssertFindsAsync(new AuditFilter(From: from, To: to), r => r.At >= from && r.At < to);
        await AssertFindsAsync(
            new AuditFilter(Action: AuditActions.SignIn, Outcome: AuditOutcome.Success, ActorId: Alice, From: from),
            r => r.Action == AuditActions.SignIn && r.Outcome == AuditOutcome.Success && r.Actor == Alice && r.At >= from);
        await AssertFindsAsync(new AuditFilter(EntityType: "PartnerService", EntityId: "7"), r => r.Sequence == 7);
        Assert.Empty((await Instance.FindAsync(new AuditFilter(Action: AuditActions.KeysRotate), null, Ct)).Lines);
        Assert.Contains(AuditActions.KeysRotate, AuditQuery.KnownActions);

        async Task AssertFindsAsync(AuditFilter filter, Func<Recorded, bool> expected)
        {
            var wanted = recorded.Where(expected).Select(r => r.Sequence).OrderDescending().ToList();
            Assert.NotEmpty(wanted);
            var found = new List<long>();
            long? before = null;
            do
            {
                var page = await Instance.FindAsync(filter, before, Ct);
                Assert.True(page.Lines.Count <= AuditQuery.PageSize);
                found.AddRange(page.Lines.Select(l => l.Sequence));
                before = page.NextBefore;
            }
            while (before is not null);

            Assert.Equal(wanted, found);
        }
    }

    private static IEnumerable<long> Sequences(long from, long downTo)
    {
        for (var sequence = from; sequence >= downTo; sequence--)
        {
            yield return sequence;
        }
    }

    private static PartnerService NewService() =>
        new($"audit-{Guid.NewGuid():N}", ServiceKind.YouthAid, "056/00 00 03", "audit@example.org");

    /// <summary>Five entries a minute apart; the third has every kind of field, some missing.</summary>
    private async Task RecordFiveAsync()
    {
        await RecordAtNextMinuteAsync(AuditActions.SignIn, AuditOutcome.Success, null, null, Alice, 4);
        await RecordAtNextMinuteAsync(AuditActions.Read, AuditOutcome.Success, "PartnerService", "41", Alice, 4);
        await RecordAtNextMinuteAsync(AuditActions.Update, AuditOutcome.Denied, null, "42", Alice, 4);
        await RecordAtNextMinuteAsync(AuditActions.SignIn, AuditOutcome.Failure, null, null, Bob, null);
        await RecordAtNextMinuteAsync(AuditActions.SignOut, AuditOutcome.Success, null, null, Alice, 4);
    }

    private async Task RecordAtNextMinuteAsync(string action, AuditOutcome outcome, string? entityType, string? entityId, Guid? actor, int? service)
    {
        clock.Advance(TimeSpan.FromMinutes(1));
        await Instance.Trail.RecordAsync(action, outcome, entityType, entityId, actor, service, Ct);
    }

    private async Task<List<Recorded>> RecordManyAsync(int count)
    {
        var recorded = new List<Recorded>();
        for (var i = 1; i <= count; i++)
        {
            var action = i % 3 == 0 ? AuditActions.Read : AuditActions.SignIn;
            var outcome = i % 4 == 0 ? AuditOutcome.Denied : AuditOutcome.Success;
            var actor = i % 2 == 0 ? Alice : Bob;
            await RecordAtNextMinuteAsync(action, outcome, "PartnerService", i.ToString(CultureInfo.InvariantCulture), actor, null);
            recorded.Add(new Recorded(i, AuditEntry.TruncateToMilliseconds(clock.GetUtcNow()), action, outcome, actor));
        }

        return recorded;
    }

    private sealed record Recorded(long Sequence, DateTimeOffset At, string Action, AuditOutcome Outcome, Guid Actor);
}

public sealed class KeepingTheAuditTrailOnSqlite(SqliteCashApp app) : KeepingTheAuditTrailTests(app), IClassFixture<SqliteCashApp>;

public sealed class KeepingTheAuditTrailOnPostgres(PostgresCashApp app) : KeepingTheAuditTrailTests(app), IClassFixture<PostgresCashApp>;
