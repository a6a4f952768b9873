using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Hospital.Hosting.Configuration;

/// <summary>Checks settings at boot; every message names the setting to fix.</summary>
public sealed class HospitalOptionsValidator : IValidateOptions<HospitalOptions>
{
    public ValidateOptionsResult Validate(string? name, HospitalOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Storage))
            failures.Add("Hospital:Storage must be Sqlite or Postgres.");
        if (options.Storage == StorageKind.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
            failures.Add("ConnectionStrings:Hospital is required when Hospital:Storage=Postgres.");
        if (options.Storage == StorageKind.Sqlite && string.IsNullOrWhiteSpace(options.DataDirectory))
            failures.Add("Hospital:DataDirectory must name a directory.");
        if (options.Orleans.Mode == OrleansMode.Client && options.Storage != StorageKind.Postgres)
            failures.Add("Hospital:Orleans:Mode=Client needs Hospital:Storage=Postgres (a cluster needs shared membership).");
        if (options.Orleans.SiloPort is < 1 or > 65535)
            failures.Add("Hospital:Orleans:SiloPort must be between 1 and 65535.");
        if (options.Orleans.GatewayPort is < 1 or > 65535)
            failures.Add("Hospital:Orleans:GatewayPort must be between 1 and 65535.");
        if (string.IsNullOrWhiteSpace(options.Orleans.ClusterId))
            failures.Add("Hospital:Orleans:ClusterId must not be empty.");
        if (string.IsNullOrWhiteSpace(options.Orleans.ServiceId))
            failures.Add("Hospital:Orleans:ServiceId must not be empty.");
        if (options.Orleans.AdvertisedIPAddress is { Length: > 0 } ip && !IPAddress.TryParse(ip, out _))
            failures.Add($"Hospital:Orleans:AdvertisedIPAddress '{ip}' is not an IP address.");
        if (options.Api.MaxRequestBodyBytes is < 1024 or > 100 * 1024 * 1024)
            failures.Add("Hospital:Api:MaxRequestBodyBytes must be between 1024 and 104857600.");
        if (options.Postgres.MaxPoolSize is < 2 or > 1000)
            failures.Add("Hospital:Postgres:MaxPoolSize must be between 2 and 1000.");
        if (options.Postgres.OrleansMaxPoolSize is < 1 or > 1000)
            failures.Add("Hospital:Postgres:OrleansMaxPoolSize must be between 1 and 1000.");
        if (options.Postgres.ConnectionTimeout < TimeSpan.FromSeconds(1) || options.Postgres.ConnectionTimeout > TimeSpan.FromSeconds(1024))
            failures.Add("Hospital:Postgres:ConnectionTimeout must be between 00:00:01 and 00:17:04.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Reads and validates the settings now: hosting needs them to choose providers before the container exists.
    /// A bad value fails boot with <see cref="OptionsValidationException"/>.
    /// </summary>
    public static HospitalOptions Load(IConfiguration configuration)
    {
        var options = new HospitalOptions();
        try
        {
            configuration.GetSection(HospitalOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(HospitalOptions.Section, typeof(HospitalOptions), [$"A Hospital:* setting has a value of the wrong type: {e.Message}"]);
        }

        options.ConnectionString = configuration.GetConnectionString("Hospital");
        var result = new HospitalOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(HospitalOptions.Section, typeof(HospitalOptions), result.Failures);
        }

        return options;
    }
}
