using Hospital.Contracts.Billing;
using Npgsql;
using NpgsqlTypes;

namespace Hospital.Storage.Postgres;

/// <summary>The billing ledger tables; an account's rows are committed with its state (see <see cref="PostgresStagedChange"/>).</summary>
public sealed class PostgresBillingLedger(NpgsqlDataSource dataSource) : IBillingLedger
{
    /// <summary>The line inserts ($1-$11 arrays), optionally conditional; a line already there is left as it is.</summary>
    internal static string InsertLinesSql(string condition) => $"""
        INSERT INTO hospital_billing_lines (id, encounter_id, mrn, kind, code, category, ward_id, amount, event_at, posted_at, payer_id)
        SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[],
            $8::numeric[], $9::timestamptz[], $10::timestamptz[], $11::varchar[]) {condition}
        ON CONFLICT (id) DO NOTHING RETURNING id
        """;

    internal static void BindLines(NpgsqlParameterCollection parameters, IReadOnlyList<LedgerLine> lines)
    {
        void Add<T>(Func<LedgerLine, T> value, NpgsqlDbType type) =>
            parameters.Add(new NpgsqlParameter { Value = lines.Select(l => (object?)value(l) ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type });
        Add(l => l.Id, NpgsqlDbType.Varchar);
        Add(l => l.EncounterId, NpgsqlDbType.Varchar);
        Add(l => l.Mrn, NpgsqlDbType.Varchar);
        Add(l => l.Kind.ToString(), NpgsqlDbType.Varchar);
        Add(l => l.Code, NpgsqlDbType.Varchar);
        Add(l => l.Category?.ToString(), NpgsqlDbType.Varchar);
        Add(l => l.WardId, NpgsqlDbType.Varchar);
        Add(l => l.Amount, NpgsqlDbType.Numeric);
        Add(l => l.EventAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        Add(l => l.PostedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        Add(l => l.PayerId, NpgsqlDbType.Varchar);
    }

    /// <summary>The account row's upsert ($1-$10), optionally conditional.</summary>
    internal static string UpsertAccountSql(string condition) => $"""
        INSERT INTO hospital_billing_accounts (encounter_id, mrn, payer_id, opened_at, discharged_at, total, paid, balance, unpriced_count, updated_at)
        SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 {condition}
        ON CONFLICT (encounter_id) DO UPDATE SET mrn = EXCLUDED.mrn, payer_id = EXCLUDED.payer_id, opened_at = EXCLUDED.opened_at,
            discharged_at = EXCLUDED.discharged_at, total = EXCLUDED.total, paid = EXCLUDED.paid, balance = EXCLUDED.balance,
            unpriced_count = EXCLUDED.unpriced_count, updated_at = EXCLUDED.updated_at
        RETURNING encounter_id
        """;

    internal static void BindAccount(NpgsqlParameterCollection parameters, LedgerAccount account)
    {
        parameters.Add(new NpgsqlParameter { Value = account.EncounterId, NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = account.Mrn, NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = (object?)account.PayerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = account.OpenedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = (object?)account.DischargedAt?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = account.Total, NpgsqlDbType = NpgsqlDbType.Numeric });
        parameters.Add(new NpgsqlParameter { Value = account.Paid, NpgsqlDbType = NpgsqlDbType.Numeric });
        parameters.Add(new NpgsqlParameter { Value = account.Balance, NpgsqlDbType = NpgsqlDbType.Numeric });
        parameters.Add(new NpgsqlParameter { Value = account.UnpricedCount, NpgsqlDbType = NpgsqlDbType.Integer });
        parameters.Add(new NpgsqlParameter { Value = account.UpdatedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }

    /// <summary>The statements of one change: the lines (when there are any) and the account row.</summary>
    internal static IEnumerable<NpgsqlBatchCommand> Commands(LedgerChange change, Func<NpgsqlParameterCollection, string> condition)
    {
        if (change.Lines.Count > 0)
        {
            var lines = new NpgsqlBatchCommand();
            BindLines(lines.Parameters, change.Lines);
            lines.CommandText = InsertLinesSql(condition(lines.Parameters));
            yield return lines;
        }

        var account = new NpgsqlBatchCommand();
        BindAccount(account.Parameters, change.Account);
        account.CommandText = UpsertAccountSql(condition(account.Parameters));
        yield return account;
    }

    public async Task ApplyAsync(LedgerChange change, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = connection.CreateBatch();
        foreach (var command in Commands(change, _ => ""))
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LedgerLine>> LinesAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, encounter_id, mrn, kind, code, category, ward_id, amount, event_at, posted_at, payer_id FROM hospital_billing_lines
            WHERE event_at >= $1 AND event_at < $2 ORDER BY event_at, id LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = to.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var found = new List<LedgerLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new LedgerLine(reader.GetString(0), reader.GetString(1), reader.GetString(2), Enum.Parse<LedgerLineKind>(reader.GetString(3)),
                reader.GetString(4), reader.IsDBNull(5) ? null : Enum.Parse<ChargeCategory>(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetDecimal(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return found;
    }

    public async Task<IReadOnlyList<LedgerAccount>> AccountsAsync(bool openBalanceOnly, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT encounter_id, mrn, payer_id, opened_at, discharged_at, total, paid, balance, unpriced_count, updated_at FROM hospital_billing_accounts
            {(openBalanceOnly ? "WHERE balance <> 0" : "")} ORDER BY updated_at DESC LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var found = new List<LedgerAccount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new LedgerAccount(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetDecimal(5), reader.GetDecimal(6), reader.GetDecimal(7), reader.GetInt32(8), reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return found;
    }
}
