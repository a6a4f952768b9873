using Microsoft.Extensions.Options;

namespace Hospital.Api.Mllp;

/// <summary>The HL7 v2 listener (<c>Hospital:Hl7</c>, README "HL7 v2").</summary>
public sealed class Hl7Options
{
    public const string Section = "Hospital:Hl7";

    /// <summary>The MLLP port; 0 turns the listener off.</summary>
    public int MllpPort { get; set; } = 2575;

    /// <summary>A connection with nothing to read for this long is closed (senders reconnect).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Connections served at once; one over it is closed as soon as it is accepted.</summary>
    public int MaxConnections { get; set; } = 200;

    /// <summary>The largest message taken, in bytes; a larger one is refused (AR) and skipped.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    public string? Validate() => this switch
    {
        { MllpPort: < 0 or > 65535 } => "Hospital:Hl7:MllpPort must be between 0 (off) and 65535.",
        { IdleTimeout.TotalSeconds: < 1 or > 86_400 } => "Hospital:Hl7:IdleTimeout must be between 00:00:01 and 1.00:00:00.",
        { MaxConnections: < 1 or > 10_000 } => "Hospital:Hl7:MaxConnections must be between 1 and 10000.",
        { MaxMessageBytes: < 4096 or > 16 * 1024 * 1024 } => "Hospital:Hl7:MaxMessageBytes must be between 4096 and 16777216.",
        _ => null,
    };
}

/// <summary>Refuses to start with settings out of range, naming the one.</summary>
public sealed class Hl7OptionsValidation : IValidateOptions<Hl7Options>
{
    public ValidateOptionsResult Validate(string? name, Hl7Options options) =>
        options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
