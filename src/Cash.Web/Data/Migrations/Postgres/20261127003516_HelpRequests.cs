using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cash.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HelpRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OrientationRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartnerServiceId = table.Column<int>(type: "integer", nullable: false),
                    ForRoles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WhenForms = table.Column<int>(type: "integer", nullable: false),
                    WhenWishes = table.Column<int>(type: "integer", nullable: false),
                    WhenOnline = table.Column<bool>(type: "boolean", nullable: true),
                    Weight = table.Column<int>(type: "integer", nullable: false),
                    ReasonFr = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ReasonNl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ReasonEn = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrientationRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrientationRules_PartnerServices_PartnerServiceId",
                        column: x => x.PartnerServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Schools",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Network = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PmsServiceId = table.Column<int>(type: "integer", nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Schools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Schools_PartnerServices_PmsServiceId",
                        column: x => x.PmsServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "HelpRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionKey = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerServiceId = table.Column<int>(type: "integer", nullable: true),
                    ReceiptId = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ReceiptSalt = table.Column<byte[]>(type: "bytea", maxLength: 16, nullable: false),
                    ReceiptHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    SenderRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AgeBand = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: true),
                    Forms = table.Column<int>(type: "integer", nullable: false),
                    HappensOnline = table.Column<bool>(type: "boolean", nullable: false),
                    Since = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Wishes = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<byte[]>(type: "bytea", nullable: false),
                    ReplyChannel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Contact = table.Column<byte[]>(type: "bytea", nullable: true),
                    MayContactSchool = table.Column<bool>(type: "boolean", nullable: false),
                    MayForward = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastActivityAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HelpRequests_PartnerServices_PartnerServiceId",
                        column: x => x.PartnerServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HelpRequests_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "HelpMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HelpRequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Author = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    PartnerServiceId = table.Column<int>(type: "integer", nullable: true),
                    ProfessionalId = table.Column<Guid>(type: "uuid", nullable: true),
                    Body = table.Column<byte[]>(type: "bytea", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HelpMessages_HelpRequests_HelpRequestId",
                        column: x => x.HelpRequestId,
                        principalTable: "HelpRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HelpMessages_HelpRequestId_At",
                table: "HelpMessages",
                columns: new[] { "HelpRequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_LastActivityAt",
                table: "HelpRequests",
                column: "LastActivityAt");

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_PartnerServiceId_Status_CreatedAt",
                table: "HelpRequests",
                columns: new[] { "PartnerServiceId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_ReceiptId",
                table: "HelpRequests",
                column: "ReceiptId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_SchoolId",
                table: "HelpRequests",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_SubmissionKey",
                table: "HelpRequests",
                column: "SubmissionKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrientationRules_PartnerServiceId",
                table: "OrientationRules",
                column: "PartnerServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Schools_Name",
                table: "Schools",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Schools_PmsServiceId",
                table: "Schools",
                column: "PmsServiceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HelpMessages");

            migrationBuilder.DropTable(
                name: "OrientationRules");

            migrationBuilder.DropTable(
                name: "HelpRequests");

            migrationBuilder.DropTable(
                name: "Schools");
        }
    }
}
