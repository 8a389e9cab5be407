using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Chat.Server.Storage;

/// <summary>
/// One SQLite statement prepared once and run many times through SQLite's own API, for the
/// statements the message writer runs for every message. Through ADO.NET each run allocates a
/// binder per parameter, a UTF-8 copy of every text, a reader and a record, more than a
/// kilobyte a message; here SQLite copies the bound text into its own memory and nothing is
/// allocated but the strings read back. Errors come as the same <see cref="SqliteException"/>
/// ADO.NET throws, so the retry rules and the unique-index checks see no difference.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement), _db);
    }

    /// <summary>The position of a named parameter (<c>@name</c>); a name used twice in the SQL has one position.</summary>
    public int Parameter(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    public void Bind(int parameter, long value) =>
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(_statement, parameter, value), _db);

    public void Bind(int parameter, string? value) =>
        SqliteException.ThrowExceptionForRC(
            value is null ? raw.sqlite3_bind_null(_statement, parameter) : raw.sqlite3_bind_text16(_statement, parameter, value.AsSpan()),
            _db);

    /// <summary>Runs the statement to its next row: true with a row to read, false when it is done.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public long? NullableInt64(int column) => IsNull(column) ? null : raw.sqlite3_column_int64(_statement, column);

    public string? Text(int column) => IsNull(column) ? null : raw.sqlite3_column_text(_statement, column).utf8_to_string();

    /// <summary>
    /// Ends the run, so the statement holds no lock and the transaction can commit; the bound
    /// values stay until bound again.
    /// </summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public void Dispose() => _statement.Dispose();

    private bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;
}
