using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cash.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SealSecretsToTheirRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "SubmissionKeyHash",
                table: "HelpRequests",
                type: "BLOB",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SubmissionKeyHash",
                table: "HelpRequests");
        }
    }
}
