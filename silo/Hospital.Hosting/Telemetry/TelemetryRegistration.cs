using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hospital.Hosting.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>Meter and activity source of the platform's own instruments.</summary>
    public const string SourceName = "Hospital";

    /// <summary>
    /// Metrics for ASP.NET Core, Orleans, Npgsql and the platform, and traces across HTTP, grain calls (activity
    /// propagation) and Npgsql; exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so a laptop run needs
    /// no collector. Without an endpoint no trace is recorded at all: spans nobody exports would only cost CPU on
    /// every request, grain call and statement.
    /// </summary>
    public static void AddHospitalTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m => m
                .AddMeter(SourceName, "Microsoft.Orleans", "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(t => t
                    .AddSource(SourceName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                    .AddAspNetCoreInstrumentation()
                    .AddNpgsql())
                .UseOtlpExporter();
        }
    }
}
