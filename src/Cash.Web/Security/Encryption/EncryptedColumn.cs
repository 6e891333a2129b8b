using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Cash.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Security.Encryption;

/// <summary>Declares encrypted columns: one line per column, in the feature home that owns it.</summary>
public static class EncryptedColumn
{
    /// <summary>A column that holds the sealed bytes as they are (a blob / bytea column).</summary>
    /// <param name="table">The table, as named in every value's binding (never renamed with the table).</param>
    /// <param name="column">The column, likewise.</param>
    /// <param name="key">The row's key, by which a rotation pages (one column, or several given to a constructor).</param>
    /// <param name="belongsTo">What in the row names the record it belongs to (and, for a message, its author's side).</param>
    /// <param name="owner">How <paramref name="belongsTo"/> is written in the binding, e.g. <c>HelpRequests/{id}</c>.</param>
    /// <param name="value">The encrypted column.</param>
    /// <param name="rowId">How the key is written in the binding; its invariant text by default.</param>
    public static EncryptedColumn<TEntity, TKey, TOwner, byte[]> Bytes<TEntity, TKey, TOwner>(
        string table,
        string column,
        Expression<Func<TEntity, TKey>> key,
        Expression<Func<TEntity, TOwner>> belongsTo,
        Func<TOwner, string> owner,
        Expression<Func<TEntity, byte[]?>> value,
        Func<TKey, string>? rowId = null)
        where TEntity : class
        where TKey : notnull
        where TOwner : notnull =>
        new(table, column, key, belongsTo, owner, value, rowId, stored => stored, sealedBytes => sealedBytes);

    /// <summary>A column a schema not ours types as text (Identity's tokens): the sealed bytes in base64.</summary>
    /// <inheritdoc cref="Bytes" path="/param"/>
    public static EncryptedColumn<TEntity, TKey, TOwner, string> Base64Text<TEntity, TKey, TOwner>(
        string table,
        string column,
        Expression<Func<TEntity, TKey>> key,
        Expression<Func<TEntity, TOwner>> belongsTo,
        Func<TOwner, string> owner,
        Expression<Func<TEntity, string?>> value,
        Func<TKey, string>? rowId = null)
        where TEntity : class
        where TKey : notnull
        where TOwner : notnull =>
        new(table, column, key, belongsTo, owner, value, rowId, DecodeBase64, Convert.ToBase64String);

    private static byte[] DecodeBase64(string stored)
    {
        try
        {
            return Convert.FromBase64String(stored);
        }
        catch (FormatException exception)
        {
            throw new FieldDecryptionException("A stored value is not an encrypted value.", exception);
        }
    }
}

/// <summary>
/// One encrypted column, declared once: where it lives (table and column, part of every value's
/// <see cref="FieldBinding"/>), which row a value is in (the key), which record that row belongs
/// to (the owner), and how the column holds the sealed bytes. The code that writes and reads the
/// column takes its binding from here, and the key rotation re-encrypts it from here, so the two
/// cannot drift apart.
/// </summary>
/// <remarks>
/// Re-encryption pages by key (<c>key &gt; last ORDER BY key</c>), never by position: a row deleted
/// meanwhile would shift every later row back and the next page would skip as many. Each value is
/// written back only if it is still the one read (compare-and-swap), so an edit made meanwhile
/// is never overwritten with stale content. An unreadable value is logged by row, never by content,
/// counted, and left as it is: a rotation binds a value to the record its row names when it is read,
/// and one moved to another record does not open there, so a rotation never makes it readable.
/// </remarks>
public sealed partial class EncryptedColumn<TEntity, TKey, TOwner, TStored> : IEncryptedColumn
    where TEntity : class
    where TKey : notnull
    where TOwner : notnull
    where TStored : class
{
    /// <summary>Rows read per page during a rotation.</summary>
    public const int BatchSize = 200;

    private readonly Expression<Func<TEntity, TStored?>> value;
    private readonly ParameterExpression row;
    private readonly IReadOnlyList<KeyPart> keyParts;
    private readonly Expression<Func<TEntity, Stored>> projection;
    private readonly Func<TKey, string> rowId;
    private readonly Func<TOwner, string> owner;
    private readonly Func<TStored, byte[]> decode;
    private readonly Func<byte[], TStored> encode;

    internal EncryptedColumn(
        string table,
        string column,
        Expression<Func<TEntity, TKey>> key,
        Expression<Func<TEntity, TOwner>> belongsTo,
        Func<TOwner, string> owner,
        Expression<Func<TEntity, TStored?>> value,
        Func<TKey, string>? rowId,
        Func<TStored, byte[]> decode,
        Func<byte[], TStored> encode)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentException.ThrowIfNullOrEmpty(column);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(belongsTo);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(value);
        Table = table;
        Column = column;
        this.value = value;
        this.rowId = rowId ?? (k => Convert.ToString(k, CultureInfo.InvariantCulture)!);
        this.owner = owner;
        this.decode = decode;
        this.encode = encode;

        row = value.Parameters[0];
        var keyBody = new Rebind(key.Parameters[0], row).Visit(key.Body);
        var ownerBody = new Rebind(belongsTo.Parameters[0], row).Visit(belongsTo.Body);
        keyParts = KeyPart.Of(keyBody);
        projection = Expression.Lambda<Func<TEntity, Stored>>(
            Expression.New(typeof(Stored).GetConstructors().Single(), keyBody, ownerBody, value.Body), row);
    }

    public string Table { get; }

    public string Column { get; }

    /// <summary>For the rotation report and the logs: <c>Table.Column</c>, never content.</summary>
    public string Name => $"{Table}.{Column}";

    /// <summary>The binding of this column's value in the row <paramref name="key"/>, which belongs to <paramref name="belongsTo"/>.</summary>
    public FieldBinding Binding(TKey key, TOwner belongsTo) => new(Table, Column, rowId(key), owner(belongsTo));

    public async ValueTask<TStored> EncryptAsync(FieldCipher cipher, string plaintext, TKey key, TOwner belongsTo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        return encode(await cipher.EncryptAsync(plaintext, Binding(key, belongsTo), cancellationToken));
    }

    /// <exception cref="FieldDecryptionException">The stored value was altered, copied from another row or record, or is not a sealed value.</exception>
    public ValueTask<string> DecryptAsync(FieldCipher cipher, TStored stored, TKey key, TOwner belongsTo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        ArgumentNullException.ThrowIfNull(stored);
        return cipher.DecryptAsync(decode(stored), Binding(key, belongsTo), cancellationToken);
    }

    public Task<ColumnRewrite> ReencryptAsync(CashDbContext db, FieldCipher cipher, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        return RewriteAsync(db, logger, cipher.ReencryptAsync, cancellationToken);
    }

    public Task<ColumnRewrite> ResealLegacyAsync(CashDbContext db, FieldCipher cipher, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        return RewriteAsync(db, logger, cipher.ResealLegacyAsync, cancellationToken);
    }

    /// <summary>Every value of the column through <paramref name="step"/>, page by page in key order; each one it changes is written back.</summary>
    private async Task<ColumnRewrite> RewriteAsync(
        CashDbContext db,
        ILogger logger,
        Func<byte[], FieldBinding, CancellationToken, ValueTask<byte[]?>> step,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(logger);
        var count = new ColumnRewrite(0, 0);
        var hasValue = Expression.Lambda<Func<TEntity, bool>>(Expression.NotEqual(value.Body, Expression.Constant(null, value.Body.Type)), row);
        TKey? last = default;
        var first = true;
        while (true)
        {
            var page = db.Set<TEntity>().AsNoTracking().Where(hasValue);
            if (!first)
            {
                page = page.Where(After(last!));
            }

            var batch = await OrderByKey(page).Take(BatchSize).Select(projection).ToListAsync(cancellationToken);
            foreach (var one in batch)
            {
                count = count.Add(await RewriteOneAsync(db, logger, step, one, cancellationToken));
            }

            if (batch.Count < BatchSize)
            {
                return count;
            }

            last = batch[^1].Key;
            first = false;
        }
    }

    private async Task<ColumnRewrite> RewriteOneAsync(
        CashDbContext db,
        ILogger logger,
        Func<byte[], FieldBinding, CancellationToken, ValueTask<byte[]?>> step,
        Stored one,
        CancellationToken cancellationToken)
    {
        var binding = Binding(one.Key, one.Owner);
        byte[]? fresh;
        try
        {
            fresh = await step(decode(one.Value), binding, cancellationToken);
        }
        catch (FieldDecryptionException)
        {
            // Already unreadable (altered, or moved from another row or record): a rotation cannot repair it and must not stop for it.
            LogUnreadable(logger, Name, binding.RowId);
            return new ColumnRewrite(0, 1);
        }

        if (fresh is null)
        {
            return new ColumnRewrite(0, 0);
        }

        // Only if unchanged since read: a value edited or a recovery code redeemed meanwhile must not come back.
        var unchanged = Expression.Lambda<Func<TEntity, bool>>(
            Expression.AndAlso(KeyEquals(one.Key), Expression.Equal(value.Body, Captured(one.Value, value.Body.Type))), row);
        var stored = encode(fresh);
        return new ColumnRewrite(
            await db.Set<TEntity>().Where(unchanged).ExecuteUpdateAsync(setters => setters.SetProperty(value, stored), cancellationToken),
            0);
    }

    private IQueryable<TEntity> OrderByKey(IQueryable<TEntity> query)
    {
        var ordered = query;
        for (var i = 0; i < keyParts.Count; i++)
        {
            var part = keyParts[i].Expression;
            ordered = ordered.Provider.CreateQuery<TEntity>(Expression.Call(
                typeof(Queryable), i == 0 ? nameof(Queryable.OrderBy) : nameof(Queryable.ThenBy), [typeof(TEntity), part.Type],
                ordered.Expression, Expression.Quote(Expression.Lambda(part, row))));
        }

        return ordered;
    }

    /// <summary>The rows after <paramref name="key"/> in key order: (a &gt; x) or (a = x and (b &gt; y or …)).</summary>
    private Expression<Func<TEntity, bool>> After(TKey key)
    {
        Expression? after = null;
        for (var i = keyParts.Count - 1; i >= 0; i--)
        {
            var part = keyParts[i];
            var greater = GreaterThan(part.Expression, Captured(part.ValueOf(key), part.Expression.Type));
            after = after is null
                ? greater
                : Expression.OrElse(greater, Expression.AndAlso(Expression.Equal(part.Expression, Captured(part.ValueOf(key), part.Expression.Type)), after));
        }

        return Expression.Lambda<Func<TEntity, bool>>(after!, row);
    }

    private Expression KeyEquals(TKey key) =>
        keyParts.Select(p => (Expression)Expression.Equal(p.Expression, Captured(p.ValueOf(key), p.Expression.Type))).Aggregate(Expression.AndAlso);

    private static BinaryExpression GreaterThan(Expression part, Expression bound) =>
        part.Type == typeof(string)
            ? Expression.GreaterThan(
                Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, part, bound),
                Expression.Constant(0))
            : Expression.GreaterThan(part, bound);

    /// <summary>A value read from a field rather than a constant: the query sends it as a parameter and its plan is reused.</summary>
    private static MemberExpression Captured(object? capturedValue, Type type)
    {
        var box = Activator.CreateInstance(typeof(StrongBox<>).MakeGenericType(type), capturedValue)!;
        return Expression.Field(Expression.Constant(box), nameof(StrongBox<object>.Value));
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "{Column}: the value of row {RowId} cannot be decrypted and was left as it is")]
    private static partial void LogUnreadable(ILogger logger, string column, string rowId);

    /// <summary>A row's key, owner and stored value, as one page of the rotation reads them.</summary>
    private sealed class Stored(TKey key, TOwner owner, TStored value)
    {
        public TKey Key { get; } = key;

        public TOwner Owner { get; } = owner;

        public TStored Value { get; } = value;
    }

    /// <summary>One column of the key, and how to read its value back from a <typeparamref name="TKey"/>.</summary>
    private sealed record KeyPart(Expression Expression, Func<TKey, object?> ValueOf)
    {
        /// <summary>A single column (<c>r =&gt; r.Id</c>), or several given to a constructor (<c>t =&gt; new TokenKey(t.UserId, t.Name)</c>) whose parameters name the key's properties.</summary>
        public static IReadOnlyList<KeyPart> Of(Expression body)
        {
            if (body is not NewExpression composite)
            {
                return [new KeyPart(body, k => k)];
            }

            var parameters = composite.Constructor!.GetParameters();
            return [.. composite.Arguments.Select((argument, i) =>
            {
                var property = typeof(TKey).GetProperty(parameters[i].Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
                    ?? throw new ArgumentException($"The key's constructor parameter {parameters[i].Name} names no property of {typeof(TKey).Name}.", nameof(body));
                return new KeyPart(argument, k => property.GetValue(k));
            })];
        }
    }

    /// <summary>Puts the key's lambda on the value's parameter, so both read the same row.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
