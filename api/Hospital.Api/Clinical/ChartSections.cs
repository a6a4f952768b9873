using System.Text.Json;
using System.Text.RegularExpressions;
using Hospital.Api.Problems;

namespace Hospital.Api.Clinical;

/// <summary>An allergy or intolerance.</summary>
/// <param name="Severity">mild, moderate or severe (of the reaction).</param>
/// <param name="Criticality">low, high or unable-to-assess (of the risk).</param>
/// <param name="Status">active, inactive or resolved.</param>
public sealed record AllergyData(string? Substance, string? Reaction, string? Severity, string? Criticality, string? Status, string? Category);

/// <summary>A problem or diagnosis.</summary>
/// <param name="Code">ICD-10 code, e.g. "J18.9".</param>
/// <param name="Status">active, recurrence, relapse, inactive, remission or resolved.</param>
public sealed record ProblemData(string? Code, string? Display, DateOnly? Onset, string? Status);

/// <summary>A medication on the patient's list.</summary>
/// <param name="Status">active, completed, stopped or on-hold.</param>
public sealed record MedicationData(string? Name, string? Dose, string? Route, string? Frequency, string? Status, DateOnly? Start, DateOnly? End);

/// <summary>An immunization given.</summary>
public sealed record ImmunizationData(string? Vaccine, DateOnly? Date, string? Lot, string? Site);

/// <summary>A clinical note.</summary>
/// <param name="Type">progress, admission, discharge, nursing or consult.</param>
public sealed record NoteData(string? Type, string? Text);

public sealed record GoalData(string? Description, string? Target, string? Status);

/// <summary>A treatment or care plan with its goals.</summary>
/// <param name="Status">active, completed or revoked.</param>
public sealed record CarePlanData(string? Title, string? Status, IReadOnlyList<GoalData>? Goals);

/// <summary>A reference to an imaging study in the image archive.</summary>
/// <param name="Modality">DICOM modality: CT, MR, US, XR (CR/DX), NM, PT, MG, XA, RF.</param>
/// <param name="Link">Where the study is viewed (http/https URL of the archive or viewer).</param>
public sealed record ImagingData(string? Modality, string? Description, DateTimeOffset? PerformedAt, string? Link);

/// <summary>
/// The chart sections kept as entries: each validates its own JSON and is stored as the normalized object. Vitals and
/// lab results have their own routes because the platform computes on them.
/// </summary>
public static partial class ChartSections
{
    public const string Pattern = "^(allergies|problems|medications|immunizations|notes|care-plans|imaging)$";

    private static readonly Dictionary<string, Func<JsonElement, JsonSerializerOptions, FieldErrors, object?>> Sections = new()
    {
        ["allergies"] = (json, o, e) => Read<AllergyData>(json, o) is { } a && Allergy(a, e) ? a : null,
        ["problems"] = (json, o, e) => Read<ProblemData>(json, o) is { } p && Problem(p, e) ? p : null,
        ["medications"] = (json, o, e) => Read<MedicationData>(json, o) is { } m && Medication(m, e) ? m : null,
        ["immunizations"] = (json, o, e) => Read<ImmunizationData>(json, o) is { } i && Immunization(i, e) ? i : null,
        ["notes"] = (json, o, e) => Read<NoteData>(json, o) is { } n && Note(n, e) ? n : null,
        ["care-plans"] = (json, o, e) => Read<CarePlanData>(json, o) is { } c && CarePlan(c, e) ? c : null,
        ["imaging"] = (json, o, e) => Read<ImagingData>(json, o) is { } i && Imaging(i, e) ? i : null,
    };

    /// <summary>Validates <paramref name="body"/> for <paramref name="section"/>; returns its normalized JSON, or null with errors.</summary>
    public static string? Validate(string section, JsonElement body, JsonSerializerOptions options, FieldErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The request body must be a JSON object.");
            return null;
        }

        var data = Sections[section](body, options, errors);
        return data is null || errors.Any ? null : JsonSerializer.Serialize(data, data.GetType(), options);
    }

    private static T? Read<T>(JsonElement json, JsonSerializerOptions options) => json.Deserialize<T>(options);

    private static bool OneOf(FieldErrors errors, string field, string? value, params string[] allowed)
    {
        errors.Check(value is null || allowed.Contains(value), field, $"The {field} field must be one of: {string.Join(", ", allowed)}.");
        return true;
    }

    private static bool Allergy(AllergyData a, FieldErrors e)
    {
        e.RequiredText("substance", a.Substance).MaxLength("reaction", a.Reaction, 500).MaxLength("category", a.Category, 50);
        OneOf(e, "severity", a.Severity, "mild", "moderate", "severe");
        OneOf(e, "criticality", a.Criticality, "low", "high", "unable-to-assess");
        e.Required("status", a.Status);
        return OneOf(e, "status", a.Status, "active", "inactive", "resolved");
    }

    private static bool Problem(ProblemData p, FieldErrors e)
    {
        if (e.Required("code", p.Code))
        {
            e.Check(Icd10().IsMatch(p.Code!), "code", "The code field must be an ICD-10 code such as J18.9.");
        }

        e.RequiredText("display", p.Display, 500).Required("status", p.Status);
        ChartDate(e, "onset", p.Onset);
        return OneOf(e, "status", p.Status, "active", "recurrence", "relapse", "inactive", "remission", "resolved");
    }

    private static bool Medication(MedicationData m, FieldErrors e)
    {
        e.RequiredText("name", m.Name).MaxLength("dose", m.Dose, 100).MaxLength("route", m.Route, 50).MaxLength("frequency", m.Frequency, 100)
            .Check(m.Start is null || m.End is null || m.End >= m.Start, "end", "The end date must not be before the start date.")
            .Required("status", m.Status);
        ChartDate(e, "start", m.Start);
        ChartDate(e, "end", m.End);
        return OneOf(e, "status", m.Status, "active", "completed", "stopped", "on-hold");
    }

    private static bool Immunization(ImmunizationData i, FieldErrors e)
    {
        e.RequiredText("vaccine", i.Vaccine).MaxLength("lot", i.Lot, 100).MaxLength("site", i.Site, 100).Required("date", i.Date);
        ChartDate(e, "date", i.Date);
        return true;
    }

    private static bool Note(NoteData n, FieldErrors e)
    {
        e.RequiredText("text", n.Text, 20_000).Required("type", n.Type);
        return OneOf(e, "type", n.Type, "progress", "admission", "discharge", "nursing", "consult");
    }

    private static bool CarePlan(CarePlanData c, FieldErrors e)
    {
        e.RequiredText("title", c.Title).Required("status", c.Status);
        OneOf(e, "status", c.Status, "active", "completed", "revoked");
        var goals = c.Goals ?? [];
        e.Check(goals.Count <= 50, "goals", "At most 50 goals.");
        for (var i = 0; i < Math.Min(goals.Count, 50); i++)
        {
            e.RequiredText($"goals[{i}].description", goals[i]?.Description, 500).MaxLength($"goals[{i}].target", goals[i]?.Target, 200);
            OneOf(e, $"goals[{i}].status", goals[i]?.Status, "proposed", "in-progress", "achieved", "cancelled");
        }

        return true;
    }

    private static bool Imaging(ImagingData i, FieldErrors e)
    {
        e.Required("modality", i.Modality);
        OneOf(e, "modality", i.Modality, "CT", "MR", "US", "XR", "CR", "DX", "NM", "PT", "MG", "XA", "RF");
        e.RequiredText("description", i.Description, 500);
        ChartDate(e, "performedAt", i.PerformedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null);
        if (e.Required("link", i.Link))
        {
            e.Check(i.Link!.Length <= 2000 && Uri.TryCreate(i.Link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "link", "The link field must be an http or https URL.");
        }

        return true;
    }

    private static void ChartDate(FieldErrors e, string field, DateOnly? date) =>
        e.DateWithin(field, date, InputLimits.EarliestChartDate, InputLimits.LatestChartDate);

    [GeneratedRegex(@"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")]
    private static partial Regex Icd10();
}
