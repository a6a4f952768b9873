using System.Collections.Concurrent;
using Hospital.Contracts.Patients;

namespace Hospital.UnitTests.Infrastructure;

/// <summary>Patient index for grain-logic tests only; the real ones are tested against SQLite and PostgreSQL.</summary>
public sealed class InMemoryPatientIndex : IPatientIndex
{
    private readonly ConcurrentDictionary<string, Patient> _patients = new();

    public Task UpsertAsync(Patient patient, CancellationToken cancellationToken = default)
    {
        _patients[patient.Mrn] = patient;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PatientSummary>> SearchAsync(string? name, DateOnly? birthDate, string? mrn, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PatientSummary>>(_patients.Values
            .Where(p => mrn is null || p.Mrn == mrn)
            .Where(p => birthDate is null || p.BirthDate == birthDate)
            .Select(p => new PatientSummary(p.Mrn, p.Name, p.BirthDate, p.Sex)).Take(limit).ToList());
}
