using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cash.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SituationsNeedingAction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Situations_Status_Severity_LastActivityAt_Id",
                table: "Situations",
                columns: new[] { "Status", "Severity", "LastActivityAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Situations_Status_Severity_LastActivityAt_Id",
                table: "Situations");
        }
    }
}
