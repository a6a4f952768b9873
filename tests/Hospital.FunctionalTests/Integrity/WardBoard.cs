using System.Text.Json;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>A bed as the board showed it a moment ago.</summary>
public sealed record BoardBed(string Id, string WardId, string Status, string? Mrn, string? EncounterId);

/// <summary>A queued admission as the board showed it.</summary>
public sealed record BoardRequest(string WardId, string Id, string Mrn);

/// <summary>
/// The drivers' view of the wards, re-read in the background: only a hint for choosing plausible operations (the
/// platform decides and refuses what no longer fits), never used by the checks.
/// </summary>
public sealed class WardBoard(ApiSession api, IReadOnlyList<string> wardIds)
{
    private volatile IReadOnlyList<BoardBed> _beds = [];
    private volatile IReadOnlyList<BoardRequest> _queued = [];

    public IReadOnlyList<BoardBed> Beds => _beds;

    public IReadOnlyList<BoardRequest> Queued => _queued;

    public async Task RefreshUntilAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await RefreshAsync();
            try
            {
                await Task.Delay(300, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public async Task RefreshAsync()
    {
        var beds = new List<BoardBed>();
        var queued = new List<BoardRequest>();
        foreach (var wardId in wardIds)
        {
            if (await api.TryGetAsync($"/api/wards/{wardId}") is not { } ward || await api.TryGetAsync($"/api/wards/{wardId}/pending-admissions") is not { } pending)
            {
                return;
            }

            beds.AddRange(ward.GetProperty("beds").EnumerateArray().Select(b => new BoardBed(
                b.GetProperty("id").GetString()!, wardId, b.GetProperty("status").GetString()!, Text(b, "mrn"), Text(b, "encounterId"))));
            queued.AddRange(pending.EnumerateArray().Select(p => new BoardRequest(wardId, p.GetProperty("id").GetString()!, p.GetProperty("mrn").GetString()!)));
        }

        _beds = beds;
        _queued = queued;
    }

    public static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
