using System.Diagnostics.Metrics;

namespace Hospital.Grains.Telemetry;

/// <summary>The platform's own OpenTelemetry instruments (meter "Hospital"), tagged by ward.</summary>
public static class HospitalMetrics
{
    private static readonly Meter Meter = new("Hospital");

    public static readonly Histogram<double> TimeToBed = Meter.CreateHistogram<double>(
        "hospital.adt.time_to_bed", "min", "From admission request to the patient in a bed.");

    public static readonly Histogram<double> LengthOfStay = Meter.CreateHistogram<double>(
        "hospital.encounter.length_of_stay", "h", "From admission to discharge.");

    public static readonly Histogram<double> BedTurnaround = Meter.CreateHistogram<double>(
        "hospital.bed.turnaround", "min", "From a bed becoming Dirty to Available again.");

    public static readonly Counter<long> AdtEvents = Meter.CreateCounter<long>(
        "hospital.adt.events", "{event}", "Admissions, transfers, discharges and their cancellations.");

    public static KeyValuePair<string, object?> Ward(string wardId) => new("ward", wardId);
}
