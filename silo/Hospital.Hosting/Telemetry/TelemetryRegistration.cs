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
    /// Traces and metrics for ASP.NET Core, Orleans (with activity propagation across grain calls) and Npgsql; exported
    /// over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so a laptop run needs no collector.
    /// </summary>
    public static void AddHospitalTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t
                .AddSource(SourceName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation()
                .AddNpgsql())
            .WithMetrics(m => m
                .AddMeter(SourceName, "Microsoft.Orleans", "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }
}
