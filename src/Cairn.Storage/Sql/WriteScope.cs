using System.Data.Common;

namespace Cairn.Storage.Sql;

/// <summary>An open connection with a write transaction; disposing it ends both and releases the writer slot.</summary>
public sealed class WriteScope : IAsyncDisposable
{
    private readonly SemaphoreSlim? _writer;
    private Action? _afterEnd;

    internal WriteScope(DbConnection connection, DbTransaction transaction, SemaphoreSlim? writer)
    {
        Connection = connection;
        Transaction = transaction;
        _writer = writer;
    }

    /// <summary>Runs <paramref name="afterEnd"/> once the transaction has ended, committed or rolled back.</summary>
    public WriteScope OnEnd(Action afterEnd)
    {
        _afterEnd = afterEnd;
        return this;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writer?.Release();
            _afterEnd?.Invoke();
        }
    }
}
