using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cash.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganiserServiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<int>(type: "INTEGER", nullable: false),
                    Classes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Tool = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Plan = table.Column<byte[]>(type: "BLOB", nullable: true),
                    SituationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    PupilsReached = table.Column<int>(type: "INTEGER", nullable: true),
                    ReportText = table.Column<byte[]>(type: "BLOB", nullable: true),
                    FollowUp = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ReportedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReportedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    InterventionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfessionalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InterventionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerServiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    InvitedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DeclineReason = table.Column<byte[]>(type: "BLOB", nullable: true)
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
