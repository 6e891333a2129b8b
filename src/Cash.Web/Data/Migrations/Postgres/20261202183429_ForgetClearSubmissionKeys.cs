using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cash.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ForgetClearSubmissionKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The binding upgrade (Security/Encryption/BindingUpgrade.cs) ran before this migration and
            // gave every request its keyed hash from the clear key dropped here. A request it did not
            // reach (written meanwhile by an instance of the earlier release) gets random bytes: the
            // same form sent again is then not recognised, and no clear key survives.
            migrationBuilder.Sql("UPDATE \"HelpRequests\" SET \"SubmissionKeyHash\" = uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) WHERE \"SubmissionKeyHash\" IS NULL;");

            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_SubmissionKey",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "SubmissionKey",
                table: "HelpRequests");

            migrationBuilder.AlterColumn<byte[]>(
                name: "SubmissionKeyHash",
                table: "HelpRequests",
                type: "bytea",
                maxLength: 32,
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldMaxLength: 32,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_SubmissionKeyHash",
                table: "HelpRequests",
                column: "SubmissionKeyHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_SubmissionKeyHash",
                table: "HelpRequests");

            migrationBuilder.AlterColumn<byte[]>(
                name: "SubmissionKeyHash",
                table: "HelpRequests",
                type: "bytea",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldMaxLength: 32);

            migrationBuilder.AddColumn<Guid>(
                name: "SubmissionKey",
                table: "HelpRequests",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // The clear keys are gone for good; each row needs a unique one for the index.
            migrationBuilder.Sql("UPDATE \"HelpRequests\" SET \"SubmissionKey\" = \"Id\";");

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_SubmissionKey",
                table: "HelpRequests",
                column: "SubmissionKey",
                unique: true);
        }
    }
}
