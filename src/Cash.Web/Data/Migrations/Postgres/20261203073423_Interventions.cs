using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cash.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Interventions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Interventions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganiserServiceId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    Classes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Tool = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Plan = table.Column<byte[]>(type: "bytea", nullable: true),
                    SituationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    PupilsReached = table.Column<int>(type: "integer", nullable: true),
                    ReportText = table.Column<byte[]>(type: "bytea", nullable: true),
                    FollowUp = table.Column<byte[]>(type: "bytea", nullable: true),
                    ReportedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReportedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interventions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Interventions_PartnerServices_OrganiserServiceId",
                        column: x => x.OrganiserServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Interventions_Professionals_CreatedBy",
                        column: x => x.CreatedBy,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Interventions_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Interventions_Situations_SituationId",
                        column: x => x.SituationId,
                        principalTable: "Situations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InterventionPeople",
                columns: table => new
                {
                    InterventionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProfessionalId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterventionPeople", x => new { x.InterventionId, x.ProfessionalId });
                    table.ForeignKey(
                        name: "FK_InterventionPeople_Interventions_InterventionId",
                        column: x => x.InterventionId,
                        principalTable: "Interventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InterventionPeople_PartnerServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InterventionPeople_Professionals_ProfessionalId",
                        column: x => x.ProfessionalId,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InterventionServices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InterventionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerServiceId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    InvitedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnsweredBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DeclineReason = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterventionServices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InterventionServices_Interventions_InterventionId",
                        column: x => x.InterventionId,
                        principalTable: "Interventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InterventionServices_PartnerServices_PartnerServiceId",
                        column: x => x.PartnerServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InterventionPeople_ProfessionalId",
                table: "InterventionPeople",
                column: "ProfessionalId");

            migrationBuilder.CreateIndex(
                name: "IX_InterventionPeople_ServiceId",
                table: "InterventionPeople",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_CreatedBy",
                table: "Interventions",
                column: "CreatedBy");

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_OrganiserServiceId",
                table: "Interventions",
                column: "OrganiserServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_SchoolId",
                table: "Interventions",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_SituationId",
                table: "Interventions",
                column: "SituationId");

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_StartsAt_Id",
                table: "Interventions",
                columns: new[] { "StartsAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_InterventionServices_InterventionId_PartnerServiceId",
                table: "InterventionServices",
                columns: new[] { "InterventionId", "PartnerServiceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InterventionServices_PartnerServiceId_InterventionId",
                table: "InterventionServices",
                columns: new[] { "PartnerServiceId", "InterventionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InterventionPeople");

            migrationBuilder.DropTable(
                name: "InterventionServices");

            migrationBuilder.DropTable(
                name: "Interventions");
        }
    }
}
