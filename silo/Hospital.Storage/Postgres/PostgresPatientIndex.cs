using System.Text;
using Hospital.Contracts.Patients;
using Npgsql;

namespace Hospital.Storage.Postgres;

/// <summary>The search index; upserts are group-committed with the patient's state and journal entry.</summary>
public sealed class PostgresPatientIndex(NpgsqlDataSource dataSource, PostgresWriter writer) : IPatientIndex
{
    public Task UpsertAsync(Patient patient, CancellationToken cancellationToken = default) => writer.Submit(new Upsert(patient));

    /// <summary>The upsert of one patient's row ($1-$7, see <see cref="Bind"/>), optionally conditional.</summary>
    internal static string UpsertSql(string condition) => $"""
        INSERT INTO hospital_patient_index (mrn, given, family, given_norm, family_norm, birth_date, sex)
        SELECT $1, $2, $3, $4, $5, $6, $7 {condition}
        ON CONFLICT (mrn) DO UPDATE SET given = EXCLUDED.given, family = EXCLUDED.family, given_norm = EXCLUDED.given_norm,
            family_norm = EXCLUDED.family_norm, birth_date = EXCLUDED.birth_date, sex = EXCLUDED.sex
        RETURNING mrn
        """;

    internal static void Bind(NpgsqlParameterCollection parameters, Patient patient)
    {
        parameters.Add(new NpgsqlParameter { Value = patient.Mrn });
        parameters.Add(new NpgsqlParameter { Value = patient.Name.Given });
        parameters.Add(new NpgsqlParameter { Value = patient.Name.Family });
        parameters.Add(new NpgsqlParameter { Value = PatientNames.Normalize(patient.Name.Given) });
        parameters.Add(new NpgsqlParameter { Value = PatientNames.Normalize(patient.Name.Family) });
        parameters.Add(new NpgsqlParameter { Value = patient.BirthDate });
        parameters.Add(new NpgsqlParameter { Value = patient.Sex.ToString() });
    }

    private sealed class Upsert(Patient patient) : PostgresWrite<bool>
    {
        internal override void AddTo(NpgsqlBatch batch)
        {
            var command = new NpgsqlBatchCommand(UpsertSql(""));
            Bind(command.Parameters, patient);
            batch.BatchCommands.Add(command);
        }

        internal override async Task ReadAsync(NpgsqlDataReader reader) => Result = (await RowsAsync(reader, _ => true)).Count == 1;
    }

    public async Task<IReadOnlyList<PatientSummary>> SearchAsync(string? name, DateOnly? birthDate, string? mrn, int limit, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("SELECT mrn, given, family, birth_date, sex FROM hospital_patient_index WHERE TRUE");
        var parameters = new List<NpgsqlParameter>();
        string Add(object value)
        {
            parameters.Add(new NpgsqlParameter { Value = value });
            return "$" + parameters.Count;
        }

        foreach (var word in PatientNames.Words(name))
        {
            var pattern = Add(word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
            sql.Append($" AND (family_norm LIKE {pattern} OR given_norm LIKE {pattern})");
        }

        if (birthDate is { } born) sql.Append($" AND birth_date = {Add(born)}");
        if (mrn is not null) sql.Append($" AND mrn = {Add(mrn)}");
        sql.Append($" ORDER BY family_norm, given_norm, mrn LIMIT {Add(limit)}");

        await using var command = dataSource.CreateCommand(sql.ToString());
        command.Parameters.AddRange(parameters.ToArray());
        var found = new List<PatientSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new PatientSummary(reader.GetString(0), new PersonName(reader.GetString(1), reader.GetString(2)),
                reader.GetFieldValue<DateOnly>(3), Enum.Parse<Sex>(reader.GetString(4))));
        }

        return found;
    }
}
