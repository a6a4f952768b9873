using Hospital.Api.Problems;
using Hospital.Contracts.Wards;

namespace Hospital.Api.Wards;

/// <summary>A new ward.</summary>
/// <param name="Id">Hospital-wide ward id: letters, digits, '-', '_', '.'; at most 64.</param>
/// <param name="SexPolicy">Mixed, Male or Female (default Mixed).</param>
/// <param name="Service">The clinical service (optional), as on <c>PUT /api/wards/{id}/location</c>.</param>
public sealed record CreateWardRequest(string? Id, string? Name, SexPolicy? SexPolicy, string? Service = null, string? Building = null, string? Floor = null);

/// <summary>Where a ward sits, for grouping and filtering the hospital board; an absent or empty field clears it.</summary>
public sealed record WardLocationRequest(string? Service, string? Building, string? Floor);

/// <summary>A ward's name and sex policy.</summary>
public sealed record UpdateWardRequest(string? Name, SexPolicy? SexPolicy);

/// <summary>A new bed on a ward.</summary>
/// <param name="Id">Hospital-wide bed id, unique across wards.</param>
/// <param name="Room">Room label, e.g. "301".</param>
/// <param name="IsolationCapable">The bed can isolate a patient (single room, negative pressure...).</param>
public sealed record CreateBedRequest(string? Id, string? Room, bool? IsolationCapable);

/// <summary>A patient waiting for a bed on this ward.</summary>
public sealed record PendingAdmissionRequest(string? Mrn, Priority? Priority, bool? IsolationRequired, DateOnly? ExpectedDischarge, string? Note);

/// <summary>An admitted patient who should move to this ward.</summary>
public sealed record TransferRequestRequest(string? EncounterId, Priority? Priority, string? Reason);

/// <summary>Which bed to place a queued patient in.</summary>
public sealed record PlaceRequest(string? BedId);

internal static class IdRules
{
    public static FieldErrors RequireId(this FieldErrors errors, string field, string? id)
    {
        if (errors.Required(field, id))
        {
            errors.Check(Lookup.IsPlausibleId(id), field, $"The {field} field must be 1-{Lookup.IdMaxLength} letters, digits, '-', '_' or '.'.");
        }

        return errors;
    }

    public static FieldErrors Defined<T>(this FieldErrors errors, string field, T? value) where T : struct, Enum =>
        errors.Check(value is null || Enum.IsDefined(value.Value), field, $"The {field} field must be one of: {string.Join(", ", Enum.GetNames<T>())}.");
}
