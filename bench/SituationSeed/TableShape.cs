using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cash.Bench.SituationSeed;

/// <summary>
/// One table as the app's EF Core model maps it: its name, its columns, and for each column the
/// value the provider stores for an entity (enum names, SQLite's DateTimeOffset as ticks, Guids as
/// the provider writes them). Read from the model rather than written out by hand, so the rows the
/// generator writes are the rows the app would write, and a column added to an entity on another
/// branch is written too.
/// </summary>
public sealed class TableShape
{
    private TableShape(string table, IReadOnlyList<Column> columns)
    {
        Table = table;
        Columns = columns;
    }

    public string Table { get; }

    public IReadOnlyList<Column> Columns { get; }

    public static TableShape Of<TEntity>(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var entity = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = new List<Column>();
        foreach (var property in entity.GetProperties())
        {
            if (property.IsShadowProperty())
            {
                // A shadow property has no value on the object: the generator could not fill it.
                throw new InvalidOperationException($"{typeof(TEntity).Name}.{property.Name} is a shadow property; give it a value in the generator.");
            }

            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var getter = property.GetGetter();
            var converter = mapping.Converter;
            columns.Add(new Column(
                property.GetColumnName(store) ?? property.Name,
                mapping,
                converter is null
                    ? getter.GetClrValueUsingContainingEntity
                    : e => getter.GetClrValueUsingContainingEntity(e) is { } value ? converter.ConvertToProvider(value) : null));
        }

        return new TableShape(table, columns);
    }

    /// <param name="Name">The column's name.</param>
    /// <param name="Mapping">The provider's type mapping: parameter type (SQLite), store type (PostgreSQL).</param>
    /// <param name="Read">The stored value of an entity, or null.</param>
    public sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Read);
}
