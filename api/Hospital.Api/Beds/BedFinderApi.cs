using System.Text.Json;
using System.Text.Json.Nodes;
using Hospital.Api.Problems;
using Hospital.Contracts.Admissions;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Census;
using Hospital.Contracts.Wards;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using static Hospital.Api.Security.SecurityRegistration;
using Permission = Hospital.Contracts.Security.Permission;

namespace Hospital.Api.Beds;

/// <summary>
/// The bed finder: every bed the patient can be placed in now, by the rules an admission enforces
/// (<see cref="BedPlacement"/>, applied by each ward to its beds), ranked, and the beds that suit them and will be ready soon.
/// </summary>
public static class BedFinderApi
{
    public static IEndpointRouteBuilder MapBedFinderApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/bed-finder", Find).WithTags("Beds").RequireAuthorization(Policy(Permission.Admission)).WithName("FindBed")
            .WithSummary("Beds a patient can be admitted to now (ranked), and suitable beds that will be ready soon.")
            .Produces<BedFinderResult>(StatusCodes.Status200OK, "application/json");
        return app;
    }

    /// <param name="mrn">The patient.</param>
    /// <param name="isolationRequired">The patient needs isolation (default false; for a transfer, the encounter's).</param>
    /// <param name="wardId">The requested ward: its beds rank first, then wards of the same service.</param>
    /// <param name="encounterId">For a transfer: the patient's admission, whose current bed is left out.</param>
    public static async Task<Results<FileContentHttpResult, ValidationProblem>> Find(string? mrn, bool? isolationRequired, string? wardId,
        string? encounterId, IGrainFactory grains, IOptions<JsonOptions> json)
    {
        var errors = new FieldErrors();
        if (errors.Required("mrn", mrn))
        {
            errors.Check(Lookup.IsPlausibleId(mrn), "mrn", $"The mrn must be 1-{Lookup.IdMaxLength} letters, digits, '-', '_' or '.'.");
        }

        errors.Check(wardId is null || Lookup.IsPlausibleId(wardId), "wardId", $"The wardId must be 1-{Lookup.IdMaxLength} letters, digits, '-', '_' or '.'.");
        errors.Check(encounterId is null || Lookup.IsPlausibleId(encounterId), "encounterId", $"The encounterId must be 1-{Lookup.IdMaxLength} letters, digits, '-', '_' or '.'.");
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var patient = await Lookup.Patient(grains, mrn!);
        var requested = wardId is null ? null : await Lookup.Ward(grains, wardId);
        var (admissible, exceptBed, isolation, note) = await Situation(grains, patient.Mrn, patient.CurrentEncounterId, encounterId, isolationRequired);
        var search = new BedSearch(patient.Mrn, patient.Sex, isolation, exceptBed);
        var wards = await grains.GetGrain<IHospitalGrain>(0).GetWards();
        var matches = (await Task.WhenAll(wards.Select(w => grains.GetGrain<IWardGrain>(w.Id).FindBeds(search)))).OfType<WardBedMatches>().ToList();

        var ranked = admissible ? Rank(matches, requested, patient.Mrn, isolation) : [];
        var soon = matches.SelectMany(m => m.Soon.Select(s => (m.Ward, s))).OrderBy(x => x.s.ReadyAt)
            .ThenBy(x => x.Ward.Id == requested?.Id ? 0 : 1).ThenBy(x => x.s.Bed.Id, StringComparer.Ordinal).ToList();

        // Bed objects exactly as GET /api/beds/{id} writes them, with the finder's own fields next to theirs.
        var options = json.Value.SerializerOptions;
        JsonObject Entry(Bed bed, WardProfile ward, IEnumerable<string> why)
        {
            var node = JsonSerializer.SerializeToNode(bed, options)!.AsObject();
            node["wardName"] = ward.Name;
            if (ward.Service is not null)
            {
                node["service"] = ward.Service;
            }

            node["why"] = new JsonArray(why.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray());
            return node;
        }

        var result = new JsonObject
        {
            ["mrn"] = patient.Mrn,
            ["sex"] = JsonSerializer.SerializeToNode(patient.Sex, options),
            ["isolationRequired"] = isolation,
            ["requestedWardId"] = requested?.Id,
            ["now"] = new JsonArray(ranked.Select(r => (JsonNode)Entry(r.Bed, r.Ward, r.Why)).ToArray()),
            ["soon"] = new JsonArray(soon.Select(x =>
            {
                var node = Entry(x.s.Bed, x.Ward, []);
                node.Remove("why");
                node["readyAt"] = JsonSerializer.SerializeToNode(x.s.ReadyAt, options);
                node["readyBasis"] = x.s.Basis.ToString();
                return (JsonNode)node;
            }).ToArray()),
        };
        if (note is not null)
        {
            result["note"] = note;
        }

        Security.PatientAccess.Note(patient.Mrn);
        return TypedResults.Bytes(JsonSerializer.SerializeToUtf8Bytes(result, options), "application/json; charset=utf-8");
    }

    /// <summary>
    /// Whether an admission (or, with <paramref name="encounterId"/>, a transfer) of the patient can be made at all,
    /// mirroring what <c>POST /api/admissions</c> refuses before it looks at a bed: a patient already admitted, or whose
    /// last encounter is still settling, is admitted nowhere.
    /// </summary>
    private static async Task<(bool Admissible, string? ExceptBed, bool Isolation, string? Note)> Situation(
        IGrainFactory grains, string mrn, string? currentEncounterId, string? encounterId, bool? isolationRequired)
    {
        if (encounterId is not null)
        {
            var encounter = await Lookup.Encounter(grains, encounterId);
            if (encounter.Mrn != mrn)
            {
                throw Hospital.Contracts.Errors.HospitalException.Conflict("Encounter of another patient", $"Encounter '{encounterId}' is not patient '{mrn}''s.");
            }

            return encounter.Status == EncounterStatus.InProgress
                ? (true, encounter.BedId, isolationRequired ?? encounter.IsolationRequired, null)
                : (false, null, isolationRequired ?? encounter.IsolationRequired, $"Encounter '{encounterId}' is {encounter.Status}: it cannot be transferred.");
        }

        if (currentEncounterId is not null && await grains.GetGrain<IEncounterGrain>(currentEncounterId).Get() is { } current)
        {
            return (false, null, isolationRequired ?? false, current.Status == EncounterStatus.InProgress
                ? $"The patient is admitted (encounter '{current.EncounterId}', bed '{current.BedId}'): find a bed for a transfer with encounterId."
                : $"The patient's encounter '{current.EncounterId}' is {current.Status} and still settling; try again in a few seconds.");
        }

        return (true, null, isolationRequired ?? false, null);
    }

    /// <summary>
    /// Best first: a bed reserved for this patient; then the requested ward, then wards of its service (the patient will
    /// not need moving there later); a bed that cannot isolate before one that can for a patient who does not need it
    /// (isolation beds stay free for those who do); then the ward with most beds available, then bed id.
    /// </summary>
    private static List<(Bed Bed, WardProfile Ward, List<string> Why)> Rank(List<WardBedMatches> matches, WardProfile? requested, string mrn, bool isolation)
    {
        var available = matches.ToDictionary(m => m.Ward.Id, m => m.Now.Count);
        return matches.SelectMany(m => m.Now.Select(bed =>
            {
                var why = new List<string>();
                var reserved = bed.Status == BedStatus.Reserved && bed.Mrn == mrn;
                if (reserved)
                {
                    why.Add("Reserved for this patient");
                }

                var place = requested is null ? 2 : m.Ward.Id == requested.Id ? 0 : requested.Service is { } service && m.Ward.Service == service ? 1 : 2;
                if (place == 0)
                {
                    why.Add("Requested ward");
                }
                else if (place == 1)
                {
                    why.Add("Requested service");
                }

                var sparesIsolation = !isolation && bed.IsolationCapable;
                if (isolation)
                {
                    why.Add("Isolation-capable");
                }

                return (Bed: bed, Ward: m.Ward, Why: why, Key: (reserved ? 0 : 1, place, sparesIsolation ? 1 : 0));
            }))
            .OrderBy(x => x.Key.Item1).ThenBy(x => x.Key.place).ThenBy(x => x.Key.Item3)
            .ThenByDescending(x => available[x.Ward.Id]).ThenBy(x => x.Ward.Id, StringComparer.Ordinal).ThenBy(x => x.Bed.Id, StringComparer.Ordinal)
            .Select(x => (x.Bed, x.Ward, x.Why)).ToList();
    }
}

/// <summary>The finder's answer, for the OpenAPI document (the JSON carries bed objects with <c>wardName</c> and <c>why</c>).</summary>
public sealed record BedFinderResult(string Mrn, string Sex, bool IsolationRequired, string? RequestedWardId, IReadOnlyList<Bed> Now,
    IReadOnlyList<Bed> Soon, string? Note);
