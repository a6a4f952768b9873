namespace Hospital.Contracts.Errors;

/// <summary>What kind of client error a rule violation is; the api maps it to an HTTP status.</summary>
public enum HospitalErrorKind
{
    /// <summary>404: the thing named does not exist.</summary>
    NotFound,
    /// <summary>409: the request conflicts with the current state.</summary>
    Conflict,
    /// <summary>400: a field's value breaks a rule.</summary>
    Invalid,
    /// <summary>403: the caller's roles do not allow it.</summary>
    Forbidden,
}

/// <summary>
/// A typed rule violation raised by a grain. It crosses grain and process boundaries intact, so the grain that owns a
/// rule is the one that words the error.
/// </summary>
[GenerateSerializer, Alias("hospital.error")]
public sealed class HospitalException : Exception
{
    public HospitalException(HospitalErrorKind kind, string title, string detail, string? field = null, IReadOnlyList<string>? allowed = null)
        : base(detail)
    {
        Kind = kind;
        Title = title;
        Field = field;
        Allowed = allowed?.ToArray();
    }

    [Id(0)] public HospitalErrorKind Kind { get; private set; }
    [Id(1)] public string Title { get; private set; }
    /// <summary>For <see cref="HospitalErrorKind.Invalid"/>: the request field at fault.</summary>
    [Id(2)] public string? Field { get; private set; }
    /// <summary>For illegal transitions: what is reachable from the current state.</summary>
    [Id(3)] public string[]? Allowed { get; private set; }

    public static HospitalException NotFound(string what, string id) =>
        new(HospitalErrorKind.NotFound, $"{what} not found", $"No {what.ToLowerInvariant()} with id '{id}'.");

    public static HospitalException Conflict(string title, string detail, IReadOnlyList<string>? allowed = null) =>
        new(HospitalErrorKind.Conflict, title, detail, allowed: allowed);

    public static HospitalException Forbidden(string detail) => new(HospitalErrorKind.Forbidden, "Forbidden", detail);

    public static HospitalException Invalid(string field, string detail) =>
        new(HospitalErrorKind.Invalid, "Invalid request", detail, field);
}

/// <summary>
/// The database failed (unreachable, out of connections...). Raised instead of the driver's exception so that it crosses
/// grain and process boundaries; the api answers 503 and the client may retry.
/// </summary>
[GenerateSerializer, Alias("hospital.storage-unavailable")]
public sealed class StorageUnavailableException(string message) : Exception(message);
