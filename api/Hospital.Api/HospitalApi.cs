using Hospital.Api.Billing;
using System.Text.Json.Serialization;
using Hospital.Api.Admissions;
using Hospital.Api.Alerts;
using Hospital.Api.Inventory;
using Hospital.Api.Beds;
using Hospital.Api.Billing.Claims;
using Hospital.Api.Census;
using Hospital.Api.Clinical;
using Hospital.Api.Dashboard;
using Hospital.Api.Mllp;
using Hospital.Api.Fhir;
using Hospital.Api.Live;
using Hospital.Api.Medications;
using Hospital.Api.Wards;
using Hospital.Api.Idempotency;
using Hospital.Api.Journal;
using Hospital.Api.Patients;
using Hospital.Api.Security;
using Hospital.Contracts.Security;
using Hospital.Api.Problems;
using Hospital.Hosting;
using Hospital.Hosting.Health;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace Hospital.Api;

public static class HospitalApi
{
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplicationBuilder AddHospitalApi(this WebApplicationBuilder builder)
    {
        builder.ListenByDefaultOn(DefaultUrl);
        builder.AddHospitalPlatform("hospital-api", mayBeClient: true);
        builder.AddHospitalSecurity();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // Every MRN an answer carries is noted for its audit record as it is written.
            o.SerializerOptions.TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.WithAddedModifier(
                o.SerializerOptions.TypeInfoResolver ?? new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(), PatientDataRoutes.NoteMrns);
        });
        // Unreadable input must reach the exception handler to become a ProblemDetails naming the field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddFhirApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.AddOpenApi();
        builder.Services.AddSignalR().AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddSingleton<CensusCache>();
        builder.Services.AddSingleton<LiveSubscriptions>();
        builder.Services.AddSingleton<LiveRelay>();
        builder.Services.AddSingleton<HubSessions>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HubSessions>());
        builder.Services.AddOptions<LiveAuditOptions>().BindConfiguration("Hospital:Audit")
            .Validate(o => o.HubSummaryInterval >= TimeSpan.FromMilliseconds(100) && o.HubSummaryInterval <= TimeSpan.FromHours(1),
                "Hospital:Audit:HubSummaryInterval must be between 00:00:00.1 and 01:00:00.")
            .ValidateOnStart();
        builder.Services.AddSingleton<LiveAudit>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveAudit>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveRelay>());
        builder.Services.AddOptions<Hl7Options>().BindConfiguration(Hl7Options.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Hl7Options>, Hl7OptionsValidation>();
        builder.Services.AddHostedService<MllpListener>();
        builder.AddBillingDocuments();
        return builder;
    }

    public static WebApplication MapHospitalApi(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseMiddleware<CensusInvalidation>();
        app.UseHospitalDashboard();
        app.UseRouting();
        app.UseHospitalSecurity();
        app.UseMiddleware<ActorContext>();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapHospitalHealth();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(SecurityRegistration.Policy(Permission.ApiReference));
        app.MapScalarApiReference("/scalar").RequireAuthorization(SecurityRegistration.Policy(Permission.ApiReference));
        app.MapAuthApi();
        app.MapAuditApi();
        app.MapPatientsApi();
        app.MapChartApi();
        app.MapLabOrdersApi();
        app.MapDrugsApi();
        app.MapMedicationOrdersApi();
        app.MapMarApi();
        app.MapWardsApi();
        app.MapWardQueuesApi();
        app.MapWardMetricsApi();
        app.MapBedsApi();
        app.MapBedFinderApi();
        app.MapAdmissionsApi();
        app.MapCensusApi();
        app.MapBoardApi();
        app.MapSupplyBinsApi();
        app.MapLocationsApi();
        app.MapAlertsApi();
        app.MapJournalApi();
        app.MapHl7MessagesApi();
        app.MapBillingApi();
        app.MapInsuranceApi();
        app.MapBillingDocumentsApi();
        app.MapFhirApi();
        app.MapHub<OperationsHub>(OperationsHub.Path, o => o.CloseOnAuthenticationExpiration = true).RequireAuthorization(SecurityRegistration.Policy(Permission.OperationsRead));
        return app;
    }
}
