using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cash.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Situations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Situations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    LeadServiceId = table.Column<int>(type: "integer", nullable: false),
                    OpenedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    HelpRequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    SchoolId = table.Column<int>(type: "integer", nullable: true),
                    ClassName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    OutsideSchool = table.Column<bool>(type: "boolean", nullable: false),
                    Forms = table.Column<int>(type: "integer", nullable: false),
                    HappensOnline = table.Column<bool>(type: "boolean", nullable: false),
                    Since = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Severity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Summary = table.Column<byte[]>(type: "bytea", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastActivityAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ErasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EntryCount = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Situations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Situations_HelpRequests_HelpRequestId",
                        column: x => x.HelpRequestId,
                        principalTable: "HelpRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Situations_PartnerServices_LeadServiceId",
                        column: x => x.LeadServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Situations_Professionals_OpenedBy",
                        column: x => x.OpenedBy,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Situations_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "InvolvedPeople",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SituationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(25)", maxLength: 25, nullable: false),
                    Pseudonym = table.Column<byte[]>(type: "bytea", nullable: true),
                    AgeBand = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Age = table.Column<int>(type: "integer", nullable: true),
                    SchoolId = table.Column<int>(type: "integer", nullable: true),
                    ClassName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Identity = table.Column<byte[]>(type: "bytea", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvolvedPeople", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvolvedPeople_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_InvolvedPeople_Situations_SituationId",
                        column: x => x.SituationId,
                        principalTable: "Situations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvolvedServices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SituationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerServiceId = table.Column<int>(type: "integer", nullable: false),
                    Tier = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: true),
                    Since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvolvedServices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvolvedServices_PartnerServices_PartnerServiceId",
                        column: x => x.PartnerServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InvolvedServices_Situations_SituationId",
                        column: x => x.SituationId,
                        principalTable: "Situations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JournalEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SituationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Tier = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    AuthorServiceId = table.Column<int>(type: "integer", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    HappenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CorrectsId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JournalEntries_JournalEntries_CorrectsId",
                        column: x => x.CorrectsId,
                        principalTable: "JournalEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_JournalEntries_PartnerServices_AuthorServiceId",
                        column: x => x.AuthorServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_JournalEntries_Situations_SituationId",
                        column: x => x.SituationId,
                        principalTable: "Situations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SituationDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SituationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Length = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<byte[]>(type: "bytea", nullable: true),
                    Content = table.Column<byte[]>(type: "bytea", nullable: true),
                    UploadedByService = table.Column<int>(type: "integer", nullable: false),
                    UploadedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IsErased = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SituationDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SituationDocuments_PartnerServices_UploadedByService",
                        column: x => x.UploadedByService,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SituationDocuments_Situations_SituationId",
                        column: x => x.SituationId,
                        principalTable: "Situations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SituationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<int>(type: "integer", nullable: false),
                    GivenBy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Scope = table.Column<int>(type: "integer", nullable: false),
                    Method = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Consents_InvolvedPeople_PersonId",
                        column: x => x.PersonId,
                        principalTable: "InvolvedPeople",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consents_PartnerServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consents_Situations_SituationId",
                        column: x => x.SituationId,
                        principalTable: "Situations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SituationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromServiceId = table.Column<int>(type: "integer", nullable: false),
                    ToServiceId = table.Column<int>(type: "integer", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Request = table.Column<byte[]>(type: "bytea", nullable: true),
                    ConsentId = table.Column<Guid>(type: "uuid", nullable: true),
                    LegalBasis = table.Column<string>(type: "character varying(25)", maxLength: 25, nullable: false),
                    Justification = table.Column<byte[]>(type: "bytea", nullable: true),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeclineReason = table.Column<byte[]>(type: "bytea", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_Consents_ConsentId",
                        column: x => x.ConsentId,
                        principalTable: "Consents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_PartnerServices_FromServiceId",
                        column: x => x.FromServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_PartnerServices_ToServiceId",
                        column: x => x.ToServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Situations_SituationId",
                        column: x => x.SituationId,
                        principalTable: "Situations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Consents_PersonId",
                table: "Consents",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Consents_ServiceId",
                table: "Consents",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Consents_SituationId_ServiceId_PersonId",
                table: "Consents",
                columns: new[] { "SituationId", "ServiceId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_InvolvedPeople_SchoolId",
                table: "InvolvedPeople",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_InvolvedPeople_SituationId_CreatedAt",
                table: "InvolvedPeople",
                columns: new[] { "SituationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InvolvedServices_PartnerServiceId_SituationId",
                table: "InvolvedServices",
                columns: new[] { "PartnerServiceId", "SituationId" });

            migrationBuilder.CreateIndex(
                name: "IX_InvolvedServices_SituationId_PartnerServiceId",
                table: "InvolvedServices",
                columns: new[] { "SituationId", "PartnerServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_AuthorServiceId",
                table: "JournalEntries",
                column: "AuthorServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_CorrectsId",
                table: "JournalEntries",
                column: "CorrectsId");

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_SituationId_WrittenAt",
                table: "JournalEntries",
                columns: new[] { "SituationId", "WrittenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ConsentId",
                table: "Referrals",
                column: "ConsentId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_FromServiceId",
                table: "Referrals",
                column: "FromServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_SituationId_RequestedAt",
                table: "Referrals",
                columns: new[] { "SituationId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ToServiceId_Status",
                table: "Referrals",
                columns: new[] { "ToServiceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SituationDocuments_SituationId_UploadedAt",
                table: "SituationDocuments",
                columns: new[] { "SituationId", "UploadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SituationDocuments_UploadedByService",
                table: "SituationDocuments",
                column: "UploadedByService");

            migrationBuilder.CreateIndex(
                name: "IX_Situations_HelpRequestId",
                table: "Situations",
                column: "HelpRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_Situations_LastActivityAt_Id",
                table: "Situations",
                columns: new[] { "LastActivityAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Situations_LeadServiceId",
                table: "Situations",
                column: "LeadServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Situations_OpenedBy",
                table: "Situations",
                column: "OpenedBy");

            migrationBuilder.CreateIndex(
                name: "IX_Situations_Reference",
                table: "Situations",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Situations_SchoolId_LastActivityAt_Id",
                table: "Situations",
                columns: new[] { "SchoolId", "LastActivityAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Situations_Severity_LastActivityAt_Id",
                table: "Situations",
                columns: new[] { "Severity", "LastActivityAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Situations_Status_ClosedAt",
                table: "Situations",
                columns: new[] { "Status", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Situations_Status_LastActivityAt_Id",
                table: "Situations",
                columns: new[] { "Status", "LastActivityAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InvolvedServices");

            migrationBuilder.DropTable(
                name: "JournalEntries");

            migrationBuilder.DropTable(
                name: "Referrals");

            migrationBuilder.DropTable(
                name: "SituationDocuments");

            migrationBuilder.DropTable(
                name: "Consents");

            migrationBuilder.DropTable(
                name: "InvolvedPeople");

            migrationBuilder.DropTable(
                name: "Situations");
        }
    }
}
