using System.Text.Json;
using Hospital.Api.Problems;
using Hospital.Api.Security;
using Hospital.Contracts.Security;
using static Hospital.Api.Security.SecurityRegistration;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Hospital.Api.Clinical;

/// <summary>A chart entry with its data as a JSON object.</summary>
public sealed record ChartEntryView(string Id, string Section, JsonElement Data, int Revision, DateTimeOffset RecordedAt, string RecordedBy,
    DateTimeOffset FirstRecordedAt, string FirstRecordedBy, bool EnteredInError, string? Reason)
{
    public static ChartEntryView From(ChartEntry e)
    {
        using var json = JsonDocument.Parse(e.Data);
        return new(e.Id, e.Section, json.RootElement.Clone(), e.Revision, e.RecordedAt, e.RecordedBy, e.FirstRecordedAt, e.FirstRecordedBy, e.EnteredInError, e.Reason);
    }
}

/// <summary>The whole chart on one page.</summary>
public sealed record ChartView(Patient Patient, IReadOnlyDictionary<string, IReadOnlyList<ChartEntryView>> Sections,
    IReadOnlyList<Observation> Vitals, Observation? LatestVitals, IReadOnlyList<LabResult> Labs);

public static class ChartApi
{
    public static IEndpointRouteBuilder MapChartApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patients/{mrn}").WithTags("Chart").WithMetadata(new PatientDataAttribute());
        var read = Policy(Permission.ChartRead);
        var write = Policy(Permission.ChartWrite);
        api.MapGet("/chart", GetChart).RequireAuthorization(read).WithName("GetChart").WithSummary("The patient's chart: every section, recent vitals with NEWS2, recent labs.");
        api.MapPost("/vitals", RecordVitals).RequireAuthorization(write).WithName("RecordVitals").WithSummary("Record vital signs; returns the NEWS2 score and risk band.");
        api.MapGet("/vitals", ListVitals).RequireAuthorization(read).WithName("ListVitals").WithSummary("Vital-signs sets over a period (default: all kept in the chart).");
        api.MapPost("/labs", RecordLab).RequireAuthorization(write).WithName("RecordLabResult").WithSummary("Record a lab result; flags H/L and critical HH/LL from its ranges.");
        api.MapGet("/labs", ListLabs).RequireAuthorization(read).WithName("ListLabResults");
        var sections = api.MapGroup("/{section:regex(" + ChartSections.Pattern + ")}");
        sections.MapPost("/", AddEntry).RequireAuthorization(write).WithName("AddChartEntry").WithSummary("Add an entry to a chart section (allergies, problems, medications, immunizations, notes, care-plans, imaging).");
        sections.MapGet("/", ListEntries).RequireAuthorization(read).WithName("ListChartEntries");
        sections.MapPut("/{entryId}", AmendEntry).RequireAuthorization(write).WithName("AmendChartEntry").WithSummary("Amend an entry: a new revision; the old one stays in its history.");
        sections.MapPost("/{entryId}/entered-in-error", MarkEnteredInError).RequireAuthorization(write).WithName("MarkChartEntryEnteredInError").WithSummary("Mark an entry entered in error (kept, flagged).");
        sections.MapGet("/{entryId}/history", History).RequireAuthorization(read).WithName("ChartEntryHistory").WithSummary("Every revision of an entry, oldest first, with author and time.");
        return app;
    }

    public static async Task<Ok<ChartView>> GetChart(string mrn, IGrainFactory grains)
    {
        var patient = await Lookup.Patient(grains, mrn);
        var chart = grains.GetGrain<IChartGrain>(patient.Mrn);
        var entries = await chart.GetEntries(null);
        var vitals = await chart.GetRecentVitals();
        var sections = ChartSections.Pattern.Trim('^', '$', '(', ')').Split('|')
            .ToDictionary(s => s, s => (IReadOnlyList<ChartEntryView>)entries.Where(e => e.Section == s).Select(ChartEntryView.From).ToList());
        return TypedResults.Ok(new ChartView(patient, sections, vitals, vitals.LastOrDefault(), await chart.GetRecentLabs()));
    }

    public static async Task<Results<Created<Observation>, ValidationProblem>> RecordVitals(string mrn, VitalsRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var errors = new FieldErrors();
        var vitals = request.Validate(errors, clock.GetUtcNow());
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var patient = await Lookup.Patient(grains, mrn);
        var observation = await grains.GetGrain<IChartGrain>(patient.Mrn).RecordVitals(vitals!);
        return TypedResults.Created($"/api/patients/{patient.Mrn}/vitals/{observation.Id}", observation);
    }

    public static async Task<Results<Ok<List<Observation>>, ValidationProblem>> ListVitals(string mrn, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains, IJournal journal, CancellationToken cancellationToken)
    {
        if (new FieldErrors().TimeRange(from, to).ToProblem() is { } problem)
        {
            return problem;
        }

        var patient = await Lookup.Patient(grains, mrn);
        if (from is null && to is null)
        {
            return TypedResults.Ok((await grains.GetGrain<IChartGrain>(patient.Mrn).GetRecentVitals()).ToList());
        }

        var entries = await journal.QueryAsync(new JournalQuery(PatientId: patient.Mrn, Kind: "VitalsRecorded", From: from, To: to, Limit: 10_000), cancellationToken);
        return TypedResults.Ok(entries.Select(e => JsonSerializer.Deserialize<Observation>(e.Payload, JournalJson)!).OrderBy(o => o.TakenAt).ToList());
    }

    public static async Task<Results<Created<LabResult>, ValidationProblem>> RecordLab(string mrn, LabResultRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var errors = new FieldErrors();
        var result = request.Validate(errors, clock.GetUtcNow());
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var patient = await Lookup.Patient(grains, mrn);
        var recorded = await grains.GetGrain<IChartGrain>(patient.Mrn).RecordLab(result!);
        return TypedResults.Created($"/api/patients/{patient.Mrn}/labs/{recorded.Id}", recorded);
    }

    public static async Task<Ok<IReadOnlyList<LabResult>>> ListLabs(string mrn, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IChartGrain>((await Lookup.Patient(grains, mrn)).Mrn).GetRecentLabs());

    public static async Task<Results<Created<ChartEntryView>, ValidationProblem>> AddEntry(string mrn, string section, JsonElement body, IGrainFactory grains, IOptions<JsonOptions> json)
    {
        var errors = new FieldErrors();
        var data = ChartSections.Validate(section, body, json.Value.SerializerOptions, errors);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var patient = await Lookup.Patient(grains, mrn);
        var entry = await grains.GetGrain<IChartGrain>(patient.Mrn).AddEntry(section, data!);
        return TypedResults.Created($"/api/patients/{patient.Mrn}/{section}/{entry.Id}", ChartEntryView.From(entry));
    }

    public static async Task<Ok<List<ChartEntryView>>> ListEntries(string mrn, string section, IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<IChartGrain>((await Lookup.Patient(grains, mrn)).Mrn).GetEntries(section)).Select(ChartEntryView.From).ToList());

    /// <summary>The body is the section's full object; an optional <c>reason</c> query value explains the amendment.</summary>
    public static async Task<Results<Ok<ChartEntryView>, ValidationProblem>> AmendEntry(string mrn, string section, string entryId, string? reason, JsonElement body, IGrainFactory grains, IOptions<JsonOptions> json)
    {
        var errors = new FieldErrors().MaxLength("reason", reason, 500);
        var data = ChartSections.Validate(section, body, json.Value.SerializerOptions, errors);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var patient = await Lookup.Patient(grains, mrn);
        return TypedResults.Ok(ChartEntryView.From(await grains.GetGrain<IChartGrain>(patient.Mrn).AmendEntry(section, entryId, data!, reason)));
    }

    public static async Task<Results<Ok<ChartEntryView>, ValidationProblem>> MarkEnteredInError(string mrn, string section, string entryId, ReasonRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequiredText("reason", request.Reason, 500);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var patient = await Lookup.Patient(grains, mrn);
        return TypedResults.Ok(ChartEntryView.From(await grains.GetGrain<IChartGrain>(patient.Mrn).MarkEnteredInError(section, entryId, request.Reason!.Trim())));
    }

    public static async Task<Ok<List<JournalEntry>>> History(string mrn, string section, string entryId, IGrainFactory grains, IJournal journal, CancellationToken cancellationToken)
    {
        var patient = await Lookup.Patient(grains, mrn);
        var entries = await journal.QueryAsync(new JournalQuery(EntityId: entryId, PatientId: patient.Mrn, Limit: 1000), cancellationToken);
        if (entries.Count == 0)
        {
            throw Hospital.Contracts.Errors.HospitalException.NotFound("Chart entry", entryId);
        }

        return TypedResults.Ok(entries.ToList());
    }

    private static readonly JsonSerializerOptions JournalJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
