using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>
/// The hospital a crash test drives: a few mixed wards, patients, and bins of one item spread over the wards (so
/// transfers between any two bins are allowed). Stock expires far ahead, so no expiry alert can appear mid-test.
/// </summary>
public sealed record SmallHospital(
    IReadOnlyList<string> WardIds, IReadOnlyList<string> BedIds, IReadOnlyList<string> Mrns, IReadOnlyList<string> BinIds, int InitialUnits)
{
    public const string Sku = "CRASH-GLV";
    public const string Expiry = "2031-06-30";
    public const int ReorderPoint = 10;

    public static async Task<SmallHospital> CreateAsync(ApiSession api, int wards = 2, int bedsPerWard = 8, int patients = 30, int bins = 4, int unitsPerBin = 30)
    {
        var wardIds = new List<string>();
        var bedIds = new List<string>();
        for (var w = 0; w < wards; w++)
        {
            var wardId = $"CW{w + 1}";
            await Must(api.PostAsync("/api/wards", new { id = wardId, name = "Crash ward " + (w + 1), sexPolicy = "Mixed" }));
            wardIds.Add(wardId);
            for (var b = 0; b < bedsPerWard; b++)
            {
                var bedId = $"{wardId}-{b + 1:D2}";
                await Must(api.PostAsync($"/api/wards/{wardId}/beds", new { id = bedId, room = $"{b + 1}", isolationCapable = b % 2 == 0 }));
                bedIds.Add(bedId);
            }
        }

        var mrns = new List<string>();
        for (var p = 0; p < patients; p++)
        {
            var (_, body) = await Must(api.PostAsync("/api/patients", Requests.Patient("Crash", $"Patient{p:D2}", sex: p % 2 == 0 ? "female" : "male")));
            mrns.Add(body.GetProperty("mrn").GetString()!);
        }

        // Units used for a patient in hospital are charged to the admission at this price.
        await Must(api.PostAsync("/api/charge-master", new { code = Sku, description = "Crash gloves (box)", unitPrice = 4.20m, effectiveFrom = "2026-01-01T00:00:00Z" }));
        var binIds = new List<string>();
        for (var i = 0; i < bins; i++)
        {
            var location = wardIds[i % wardIds.Count];
            var binId = $"{location}-GLV-{i + 1}";
            await Must(api.PostAsync("/api/supply-bins",
                new { id = binId, locationId = location, sku = Sku, name = "Crash gloves", unit = "box", par = 40, reorderPoint = ReorderPoint }));
            await Must(api.PostAsync($"/api/supply-bins/{binId}/restock", new { quantity = unitsPerBin, lot = "INITIAL", expiry = Expiry }));
            binIds.Add(binId);
        }

        return new SmallHospital(wardIds, bedIds, mrns, binIds, bins * unitsPerBin);
    }

    private static async Task<(Outcome, System.Text.Json.JsonElement)> Must(Task<(Outcome Outcome, System.Text.Json.JsonElement Body)> call)
    {
        var result = await call;
        return result.Outcome == Outcome.Acknowledged ? result : throw new InvalidOperationException("Setting up the crash hospital failed: " + result.Outcome);
    }
}
