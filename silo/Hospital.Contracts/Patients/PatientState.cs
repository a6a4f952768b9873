namespace Hospital.Contracts.Patients;

/// <summary>Stored state of a patient grain; <see cref="Patient"/> is null until registration.</summary>
[GenerateSerializer, Alias("hospital.patient-state")]
public sealed record PatientState
{
    [Id(0)] public Patient? Patient { get; init; }

    /// <summary>The event time of the demographics an HL7 feed last applied: an older update arriving late is ignored.</summary>
    [Id(1)] public DateTimeOffset? DemographicsAsOf { get; init; }

    /// <summary>The encounter that ended last, so a feed's cancel-discharge (A13) can name it.</summary>
    [Id(2)] public string? LastEncounterId { get; init; }
}

/// <summary>Stored state of the MRN allocator: numbers up to <see cref="ReservedThrough"/> may have been handed out.</summary>
[GenerateSerializer, Alias("hospital.mrn-allocator-state")]
public sealed record MrnAllocatorState
{
    [Id(0)] public long ReservedThrough { get; init; }
}
