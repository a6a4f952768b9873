using System.Globalization;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Common;
using Microsoft.Data.Sqlite;

namespace Hospital.Storage.Sqlite;

/// <summary>The billing ledger tables; an account's rows are written with its state, inside the state's savepoint.</summary>
public sealed class SqliteBillingLedger(SqliteDatabase database) : IBillingLedger
{
    public Task ApplyAsync(LedgerChange change, CancellationToken cancellationToken = default) =>
        database.WriteAsync(connection =>
        {
            Apply(connection, change);
            return true;
        });

    /// <summary>Writes the change on the writer's connection (inside its transaction); a line already there stays as it is.</summary>
    internal static void Apply(SqliteConnection connection, LedgerChange change)
    {
        if (change.Lines.Count > 0)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT OR IGNORE INTO billing_lines (id, encounter_id, mrn, kind, code, category, ward_id, amount, event_at, posted_at, payer_id)
                VALUES ($id, $encounter, $mrn, $kind, $code, $category, $ward, $amount, $event, $posted, $payer)
                """;
            var parameters = new[] { "$id", "$encounter", "$mrn", "$kind", "$code", "$category", "$ward", "$amount", "$event", "$posted", "$payer" }
                .Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
            foreach (var line in change.Lines)
            {
                object?[] values = [line.Id, line.EncounterId, line.Mrn, line.Kind.ToString(), line.Code, line.Category?.ToString(), line.WardId,
                    Text(line.Amount), HospitalClock.Format(line.EventAt), HospitalClock.Format(line.PostedAt), line.PayerId];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i] ?? DBNull.Value;
                }

                insert.ExecuteNonQuery();
            }
        }

        var account = change.Account;
        using var upsert = connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO billing_accounts (encounter_id, mrn, payer_id, opened_at, discharged_at, total, paid, balance, open_balance, unpriced_count, updated_at)
            VALUES ($encounter, $mrn, $payer, $opened, $discharged, $total, $paid, $balance, $open, $unpriced, $updated)
            ON CONFLICT (encounter_id) DO UPDATE SET mrn = excluded.mrn, payer_id = excluded.payer_id, opened_at = excluded.opened_at,
                discharged_at = excluded.discharged_at, total = excluded.total, paid = excluded.paid, balance = excluded.balance,
                open_balance = excluded.open_balance, unpriced_count = excluded.unpriced_count, updated_at = excluded.updated_at
            """;
        upsert.Parameters.AddWithValue("$encounter", account.EncounterId);
        upsert.Parameters.AddWithValue("$mrn", account.Mrn);
        upsert.Parameters.AddWithValue("$payer", (object?)account.PayerId ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$opened", HospitalClock.Format(account.OpenedAt));
        upsert.Parameters.AddWithValue("$discharged", account.DischargedAt is { } discharged ? HospitalClock.Format(discharged) : DBNull.Value);
        upsert.Parameters.AddWithValue("$total", Text(account.Total));
        upsert.Parameters.AddWithValue("$paid", Text(account.Paid));
        upsert.Parameters.AddWithValue("$balance", Text(account.Balance));
        upsert.Parameters.AddWithValue("$open", account.Balance != 0 ? 1 : 0);
        upsert.Parameters.AddWithValue("$unpriced", account.UnpricedCount);
        upsert.Parameters.AddWithValue("$updated", HospitalClock.Format(account.UpdatedAt));
        upsert.ExecuteNonQuery();
    }

    public Task<IReadOnlyList<LedgerLine>> LinesAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<LedgerLine>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT id, encounter_id, mrn, kind, code, category, ward_id, amount, event_at, posted_at, payer_id FROM billing_lines
                WHERE event_at >= $from AND event_at < $to ORDER BY event_at, id LIMIT $limit
                """;
            command.Parameters.AddWithValue("$from", HospitalClock.Format(from));
            command.Parameters.AddWithValue("$to", HospitalClock.Format(to));
            command.Parameters.AddWithValue("$limit", limit);
            var found = new List<LedgerLine>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new LedgerLine(reader.GetString(0), reader.GetString(1), reader.GetString(2), Enum.Parse<LedgerLineKind>(reader.GetString(3)),
                    reader.GetString(4), reader.IsDBNull(5) ? null : Enum.Parse<ChargeCategory>(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6),
                    Number(reader.GetString(7)), HospitalClock.Parse(reader.GetString(8)), HospitalClock.Parse(reader.GetString(9)),
                    reader.IsDBNull(10) ? null : reader.GetString(10)));
            }

            return found;
        });

    public Task<IReadOnlyList<LedgerAccount>> AccountsAsync(bool openBalanceOnly, int limit, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<LedgerAccount>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT encounter_id, mrn, payer_id, opened_at, discharged_at, total, paid, balance, unpriced_count, updated_at FROM billing_accounts
                {(openBalanceOnly ? "WHERE open_balance = 1" : "")} ORDER BY updated_at DESC LIMIT $limit
                """;
            command.Parameters.AddWithValue("$limit", limit);
            var found = new List<LedgerAccount>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new LedgerAccount(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    HospitalClock.Parse(reader.GetString(3)), reader.IsDBNull(4) ? null : HospitalClock.Parse(reader.GetString(4)),
                    Number(reader.GetString(5)), Number(reader.GetString(6)), Number(reader.GetString(7)), reader.GetInt32(8),
                    HospitalClock.Parse(reader.GetString(9))));
            }

            return found;
        });

    private static string Text(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
