using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chat.Server.Storage;

/// <summary>Which database failures are worth a retry: lost connections, busy locks, failovers. Never constraint violations or bad SQL.</summary>
public static class TransientErrors
{
    // Connection loss, timeouts, deadlocks and Azure SQL's throttling and failover codes.
    private static readonly HashSet<int> SqlServerNumbers = [-2, 20, 64, 233, 1205, 4060, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40613, 49918, 49919, 49920];

    public static bool IsTransient(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        NpgsqlException n => n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException,
        SqlException s => s.Errors.Cast<SqlError>().Any(err => SqlServerNumbers.Contains(err.Number)),
        SocketException or TimeoutException or IOException => true,
        _ => false,
    };
}
