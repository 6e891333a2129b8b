using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cash.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Prevention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PreventionActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Themes = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Classes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Reached = table.Column<int>(type: "integer", nullable: false),
                    ToolName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Report = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FollowUp = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordingServiceId = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreventionActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreventionActions_PartnerServices_RecordingServiceId",
                        column: x => x.RecordingServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PreventionActions_Professionals_CreatedBy",
                        column: x => x.CreatedBy,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PreventionActionSchools",
                columns: table => new
                {
                    ActionId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreventionActionSchools", x => new { x.ActionId, x.SchoolId });
                    table.ForeignKey(
                        name: "FK_PreventionActionSchools_PreventionActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "PreventionActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PreventionActionSchools_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PreventionActionServices",
                columns: table => new
                {
                    ActionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerServiceId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreventionActionServices", x => new { x.ActionId, x.PartnerServiceId });
                    table.ForeignKey(
                        name: "FK_PreventionActionServices_PartnerServices_PartnerServiceId",
                        column: x => x.PartnerServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PreventionActionServices_PreventionActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "PreventionActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PreventionActions_CreatedBy",
                table: "PreventionActions",
                column: "CreatedBy");

            migrationBuilder.CreateIndex(
                name: "IX_PreventionActions_Day_Id",
                table: "PreventionActions",
                columns: new[] { "Day", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PreventionActions_RecordingServiceId",
                table: "PreventionActions",
                column: "RecordingServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_PreventionActionSchools_SchoolId",
                table: "PreventionActionSchools",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_PreventionActionServices_PartnerServiceId",
                table: "PreventionActionServices",
                column: "PartnerServiceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PreventionActionSchools");

            migrationBuilder.DropTable(
                name: "PreventionActionServices");

            migrationBuilder.DropTable(
                name: "PreventionActions");
        }
    }
}
