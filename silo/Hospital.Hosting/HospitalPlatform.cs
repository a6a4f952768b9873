using Hospital.Grains.Beds;
using Hospital.Grains.Clinical;
using Hospital.Grains.Inventory;
using Hospital.Grains.Medications;
using Hospital.Grains.Security;
using Hospital.Hosting.Configuration;
using Hospital.Hosting.Health;
using Hospital.Hosting.Orleans;
using Hospital.Hosting.Seeding;
using Hospital.Hosting.Security;
using Microsoft.Extensions.Configuration;
using Hospital.Hosting.Storage;
using Hospital.Hosting.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hospital.Hosting;

public static class HospitalPlatform
{
    /// <summary>
    /// Settings, storage, Orleans (a silo, or a client when <c>Hospital:Orleans:Mode=Client</c> and
    /// <paramref name="mayBeClient"/>), telemetry and health checks: everything a host of the platform needs.
    /// </summary>
    public static HospitalOptions AddHospitalPlatform(this IHostApplicationBuilder builder, string serviceName, bool mayBeClient)
    {
        // A mounted Kubernetes Secret: one file per setting, named like the environment variable (Hospital__Auth__...).
        if (builder.Configuration[KeyRingLoader.SettingsDirectory] is { Length: > 0 } secrets)
        {
            builder.Configuration.AddKeyPerFile(secrets, optional: false);
        }

        var options = HospitalOptionsValidator.Load(builder.Configuration);
        builder.Services.AddSingleton(KeyRingLoader.Load(builder.Configuration, options));
        var instance = KeyRingLoader.InstanceDirectoryOf(builder.Configuration, options);
        builder.Services.AddSingleton(new SecretFiles(instance));
        builder.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section)
            .Validate(o => o.CheckpointInterval >= TimeSpan.FromMilliseconds(100) && o.CheckpointInterval <= TimeSpan.FromHours(1),
                "Hospital:Audit:CheckpointInterval must be between 00:00:00.1 and 01:00:00.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new AuditCheckpointFile(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>().Value.CheckpointFile is { Length: > 0 } file
                ? Path.GetFullPath(file) : Path.Combine(instance, "audit-checkpoints.jsonl")));
        builder.Services.AddOptions<HospitalOptions>()
            .BindConfiguration(HospitalOptions.Section)
            .PostConfigure(o => o.ConnectionString = options.ConnectionString)
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<HospitalOptions>, HospitalOptionsValidator>();

        builder.Services.AddOptions<InventoryOptions>().BindConfiguration(InventoryOptions.Section)
            .Validate(o => o.ExpiringWithinDays is >= 0 and <= 3650, "Hospital:Inventory:ExpiringWithinDays must be 0-3650.")
            .Validate(o => o.LowDaysOfSupply is >= 0 and <= 365, "Hospital:Inventory:LowDaysOfSupply must be 0-365.")
            .Validate(o => o.ExpiryCheckPeriod >= TimeSpan.FromSeconds(1), "Hospital:Inventory:ExpiryCheckPeriod must be at least 1 second.")
            .ValidateOnStart();

        builder.Services.AddOptions<BedOptions>().BindConfiguration(BedOptions.Section)
            .Validate(o => o.MaxReservation >= TimeSpan.FromMinutes(1) && o.MaxReservation <= BedOptions.MaxReservationLimit,
                "Hospital:Beds:MaxReservation must be between 00:01:00 and 365.00:00:00.")
            .ValidateOnStart();

        builder.Services.AddOptions<ClinicalOptions>().BindConfiguration(ClinicalOptions.Section)
            .Validate(o => o.ObservationCheckPeriod >= TimeSpan.FromSeconds(1), "Hospital:Clinical:ObservationCheckPeriod must be at least 1 second.")
            .Validate(o => o.RecentKept is >= 1 and <= 10_000, "Hospital:Clinical:RecentKept must be 1-10000.")
            .ValidateOnStart();

        builder.Services.AddOptions<MedicationOptions>().BindConfiguration(MedicationOptions.Section)
            .Validate(o => o.OverdueAfter >= MedicationOptions.MinOverdueAfter && o.OverdueAfter <= MedicationOptions.MaxOverdueAfter,
                "Hospital:Medications:OverdueAfter must be between 00:01:00 and 1.00:00:00.")
            .Validate(o => o.CheckPeriod >= TimeSpan.FromSeconds(1) && o.CheckPeriod <= TimeSpan.FromHours(1),
                "Hospital:Medications:CheckPeriod must be between 00:00:01 and 01:00:00.")
            .ValidateOnStart();
        builder.Services.AddOptions<Hospital.Grains.Billing.BillingOptions>().BindConfiguration(Hospital.Grains.Billing.BillingOptions.Section)
            .Validate(o => o.IsValid, "Hospital:Billing:Currency must be an ISO 4217 code such as GBP and Hospital:Billing:BedDayCheckPeriod between 00:01:00 and 06:00:00.")
            .ValidateOnStart();
        builder.Services.AddOptions<HospitalZoneOptions>().BindConfiguration(HospitalZoneOptions.Section)
            .Validate(o => o.IsValid, "Hospital:TimeZone must be an IANA time zone id such as Europe/London.")
            .ValidateOnStart();

        // Storage first: its startup (migrations) must run before the silo's.
        builder.Services.AddHospitalStorage(options);
        if (mayBeClient && options.Orleans.Mode == OrleansMode.Client)
        {
            builder.AddHospitalClient(options);
        }
        else
        {
            builder.AddHospitalSilo(options);
        }

        builder.AddHospitalTelemetry(serviceName);
        builder.Services.AddHospitalHealthChecks();
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddOptions<SeedOptions>().BindConfiguration("Hospital:Seed")
            .Validate(o => o.Wards is >= 1 and <= 1000, "Hospital:Seed:Wards must be 1-1000.")
            .Validate(o => o.BedsPerWard is >= 1 and <= 200, "Hospital:Seed:BedsPerWard must be 1-200.")
            .Validate(o => string.IsNullOrEmpty(o.DemoPassword) || PasswordPolicy.Problem(o.DemoPassword) is null,
                $"Hospital:Seed:DemoPassword must be {PasswordPolicy.MinLength}-{PasswordPolicy.MaxLength} characters and not a common password.")
            .ValidateOnStart();
        if (builder.Configuration.GetValue<bool>("Hospital:Seed:OnFirstStart"))
        {
            builder.Services.AddHostedService<SeedOnFirstStart>();
        }

        return options;
    }
}
