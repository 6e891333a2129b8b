using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cash.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Tasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<byte[]>(type: "bytea", nullable: true),
                    ServiceId = table.Column<int>(type: "integer", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    SituationId = table.Column<Guid>(type: "uuid", nullable: true),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedByServiceId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CancelReason = table.Column<byte[]>(type: "bytea", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkTasks_PartnerServices_CreatedByServiceId",
                        column: x => x.CreatedByServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkTasks_PartnerServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "PartnerServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkTasks_Professionals_AssigneeId",
                        column: x => x.AssigneeId,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkTasks_Professionals_CreatedBy",
                        column: x => x.CreatedBy,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkTasks_Situations_SituationId",
                        column: x => x.SituationId,
                        principalTable: "Situations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_AssigneeId_Status_DueOn_Id",
                table: "WorkTasks",
                columns: new[] { "AssigneeId", "Status", "DueOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_CreatedBy",
                table: "WorkTasks",
                column: "CreatedBy");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_CreatedByServiceId",
                table: "WorkTasks",
                column: "CreatedByServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_MeetingId",
                table: "WorkTasks",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_ServiceId_Status_DueOn_Id",
                table: "WorkTasks",
                columns: new[] { "ServiceId", "Status", "DueOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_SituationId_Status",
                table: "WorkTasks",
                columns: new[] { "SituationId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkTasks");
        }
    }
}
