using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cash.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Procedures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProcedureTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TitleFr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleNl = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IntroFr = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    IntroNl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    IntroEn = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcedureTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProcedureVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcedureVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProcedureVersions_ProcedureTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ProcedureTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProcedureVersions_Professionals_CreatedBy",
                        column: x => x.CreatedBy,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProcedureVersions_Professionals_PublishedBy",
                        column: x => x.PublishedBy,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Checklists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SituationId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedByServiceId = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checklists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Checklists_PartnerServices_StartedByServiceId",
                        column: x => x.StartedByServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Checklists_ProcedureTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ProcedureTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Checklists_ProcedureVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "ProcedureVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Checklists_Professionals_StartedBy",
                        column: x => x.StartedBy,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Checklists_Situations_SituationId",
                        column: x => x.SituationId,
                        principalTable: "Situations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProcedureSteps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    TitleFr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleNl = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GuidanceFr = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    GuidanceNl = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    GuidanceEn = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Actor = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecordFr = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RecordNl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RecordEn = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DeadlineDays = table.Column<int>(type: "integer", nullable: true),
                    DeadlineFrom = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AfterStepKey = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcedureSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProcedureSteps_ProcedureVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "ProcedureVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistSteps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ChecklistId = table.Column<Guid>(type: "uuid", nullable: false),
                    SituationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcedureStepId = table.Column<Guid>(type: "uuid", nullable: false),
                    StepKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<byte[]>(type: "bytea", nullable: true),
                    Reason = table.Column<byte[]>(type: "bytea", nullable: true),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChecklistSteps_Checklists_ChecklistId",
                        column: x => x.ChecklistId,
                        principalTable: "Checklists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ChecklistSteps_ProcedureSteps_ProcedureStepId",
                        column: x => x.ProcedureStepId,
                        principalTable: "ProcedureSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChecklistSteps_Professionals_RecordedBy",
                        column: x => x.RecordedBy,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Checklists_SituationId_Id",
                table: "Checklists",
                columns: new[] { "SituationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Checklists_StartedBy",
                table: "Checklists",
                column: "StartedBy");

            migrationBuilder.CreateIndex(
                name: "IX_Checklists_StartedByServiceId",
                table: "Checklists",
                column: "StartedByServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Checklists_TemplateId",
                table: "Checklists",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_Checklists_VersionId",
                table: "Checklists",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistSteps_ChecklistId_ProcedureStepId",
                table: "ChecklistSteps",
                columns: new[] { "ChecklistId", "ProcedureStepId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistSteps_ProcedureStepId",
                table: "ChecklistSteps",
                column: "ProcedureStepId");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistSteps_RecordedBy",
                table: "ChecklistSteps",
                column: "RecordedBy");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistSteps_Status_ChecklistId",
                table: "ChecklistSteps",
                columns: new[] { "Status", "ChecklistId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureSteps_VersionId_Key",
                table: "ProcedureSteps",
                columns: new[] { "VersionId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureTemplates_Key",
                table: "ProcedureTemplates",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureVersions_CreatedBy",
                table: "ProcedureVersions",
                column: "CreatedBy");

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureVersions_OneDraft",
                table: "ProcedureVersions",
                column: "TemplateId",
                unique: true,
                filter: "\"PublishedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureVersions_PublishedBy",
                table: "ProcedureVersions",
                column: "PublishedBy");

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureVersions_TemplateId_Number",
                table: "ProcedureVersions",
                columns: new[] { "TemplateId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChecklistSteps");

            migrationBuilder.DropTable(
                name: "Checklists");

            migrationBuilder.DropTable(
                name: "ProcedureSteps");

            migrationBuilder.DropTable(
                name: "ProcedureVersions");

            migrationBuilder.DropTable(
                name: "ProcedureTemplates");
        }
    }
}
