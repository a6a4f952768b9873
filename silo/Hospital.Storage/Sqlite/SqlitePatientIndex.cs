using System.Globalization;
using System.Text;
using Hospital.Contracts.Patients;
using Microsoft.Data.Sqlite;

namespace Hospital.Storage.Sqlite;

public sealed class SqlitePatientIndex(SqliteDatabase database) : IPatientIndex
{
    public Task UpsertAsync(Patient patient, CancellationToken cancellationToken = default) =>
        database.WriteAsync(connection => Upsert(connection, patient));

    /// <summary>Writes the patient's row on the writer's connection (inside its transaction).</summary>
    internal static int Upsert(SqliteConnection connection, Patient patient)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO patient_index (mrn, given, family, given_norm, family_norm, birth_date, sex)
            VALUES ($mrn, $given, $family, $givenNorm, $familyNorm, $birth, $sex)
            ON CONFLICT (mrn) DO UPDATE SET given = excluded.given, family = excluded.family, given_norm = excluded.given_norm,
                family_norm = excluded.family_norm, birth_date = excluded.birth_date, sex = excluded.sex
            """;
        command.Parameters.AddWithValue("$mrn", patient.Mrn);
        command.Parameters.AddWithValue("$given", patient.Name.Given);
        command.Parameters.AddWithValue("$family", patient.Name.Family);
        command.Parameters.AddWithValue("$givenNorm", PatientNames.Normalize(patient.Name.Given));
        command.Parameters.AddWithValue("$familyNorm", PatientNames.Normalize(patient.Name.Family));
        command.Parameters.AddWithValue("$birth", patient.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$sex", patient.Sex.ToString());
        return command.ExecuteNonQuery();
    }

    public Task<IReadOnlyList<PatientSummary>> SearchAsync(string? name, DateOnly? birthDate, string? mrn, int limit, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<PatientSummary>>(connection =>
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder("SELECT mrn, given, family, birth_date, sex FROM patient_index WHERE 1=1");
            var words = PatientNames.Words(name);
            for (var i = 0; i < words.Count; i++)
            {
                // Prefix ranges rather than LIKE, so the name indexes are used.
                sql.Append($" AND ((family_norm >= $w{i} AND family_norm < $u{i}) OR (given_norm >= $w{i} AND given_norm < $u{i}))");
                command.Parameters.AddWithValue($"$w{i}", words[i]);
                command.Parameters.AddWithValue($"$u{i}", words[i] + '\uffff');
            }

            if (birthDate is { } born)
            {
                sql.Append(" AND birth_date = $birth");
                command.Parameters.AddWithValue("$birth", born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            if (mrn is not null)
            {
                sql.Append(" AND mrn = $mrn");
                command.Parameters.AddWithValue("$mrn", mrn);
            }

            sql.Append(" ORDER BY family_norm, given_norm, mrn LIMIT $limit");
            command.Parameters.AddWithValue("$limit", limit);
            command.CommandText = sql.ToString();
            var found = new List<PatientSummary>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new PatientSummary(reader.GetString(0), new PersonName(reader.GetString(1), reader.GetString(2)),
                    DateOnly.ParseExact(reader.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture), Enum.Parse<Sex>(reader.GetString(4))));
            }

            return found;
        });
}
