using System.Text.Json.Serialization;
using Hospital.Api.Dashboard;
using Hospital.Api.Idempotency;
using Hospital.Api.Journal;
using Hospital.Api.Patients;
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
        // The documented default address, unless --urls, ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS say otherwise.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddHospitalPlatform("hospital-api", mayBeClient: true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        // Unreadable input must reach the exception handler to become a ProblemDetails naming the field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapHospitalApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseMiddleware<ActorContext>();
        app.UseHospitalDashboard();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapHospitalHealth();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/scalar");
        app.MapPatientsApi();
        app.MapJournalApi();
        return app;
    }
}
