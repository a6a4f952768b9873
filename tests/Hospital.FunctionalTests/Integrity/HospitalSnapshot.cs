using System.Text;
using System.Text.Json;

namespace Hospital.FunctionalTests.Integrity;

public sealed record BedView(string Id, string WardId, string Status, string? Mrn, string? EncounterId, long Version);

public sealed record EncounterView(string Id, string Mrn, string Status, string BedId, long Version);

public sealed record LotView(string Lot, int Quantity);

public sealed record BinView(string Id, int OnHand, string Status, int ReorderPoint, double? DaysOfSupply, IReadOnlyList<LotView> Lots, long Version);

public sealed record AlertView(string Id, string Kind, string Subject, string Key, string Severity, string Status);

public sealed record ChargeView(string Id, string Code, decimal Quantity, decimal Amount, string Source, string? Reverses);

public sealed record AccountView(string EncounterId, string Mrn, decimal Total, decimal Paid, decimal Balance, IReadOnlyList<ChargeView> Charges, IReadOnlyList<decimal> Payments);

public sealed record JournalLine(long Sequence, string Kind, string EntityId, string? Mrn, JsonElement Payload);

/// <summary>
/// Everything the checks look at, read through the public api only: beds one by one (the truth), each ward's board
/// and the census (what is derived from them), every admission anyone can point at, patients, their latest vitals,
/// bins, active alerts, the journal's ADT and stock lines, and the audit chain's verdict.
/// </summary>
public sealed class HospitalSnapshot
{
    public static readonly string[] AdtKinds = ["Admitted", "Transferred", "Discharged", "AdmissionCancelled", "TransferCancelled", "DischargeCancelled", "Swapped"];

    public static readonly string[] StockKinds = ["StockConsumed", "StockRestocked", "StockTransferredOut", "StockTransferredIn", "StockTransferReverted"];

    public Dictionary<string, BedView> Beds { get; } = [];

    /// <summary>Bed statuses as each ward's board shows them.</summary>
    public Dictionary<string, Dictionary<string, string>> Boards { get; } = [];

    /// <summary>Census counts by ward id; the hospital's under <c>""</c>.</summary>
    public Dictionary<string, Dictionary<string, int>> Census { get; } = [];

    public Dictionary<string, int> Queued { get; } = [];

    /// <summary>Every admission id known from the ledger, the journal, beds or patients; null when it does not exist.</summary>
    public Dictionary<string, EncounterView?> Encounters { get; } = [];

    public Dictionary<string, string?> CurrentEncounter { get; } = [];

    /// <summary>Risk band of each patient's latest vitals (by time taken), for those with any.</summary>
    public Dictionary<string, string> LatestRisk { get; } = [];

    public Dictionary<string, BinView> Bins { get; } = [];

    /// <summary>The account of each admission that exists.</summary>
    public Dictionary<string, AccountView> Accounts { get; } = [];

    public List<AlertView> ActiveAlerts { get; } = [];

    public Dictionary<string, List<JournalLine>> Journal { get; } = [];

    public string? AuditProblem { get; private set; }

    public static async Task<HospitalSnapshot> ReadAsync(ApiSession api, SmallHospital hospital, IEnumerable<string> knownEncounters)
    {
        var snapshot = new HospitalSnapshot();
        foreach (var kind in AdtKinds.Concat(StockKinds))
        {
            snapshot.Journal[kind] = await JournalAsync(api, kind);
        }

        foreach (var bedId in hospital.BedIds)
        {
            var bed = await Must(api, $"/api/beds/{bedId}");
            snapshot.Beds[bedId] = new BedView(bedId, bed.GetProperty("wardId").GetString()!, bed.GetProperty("status").GetString()!,
                WardBoard.Text(bed, "mrn"), WardBoard.Text(bed, "encounterId"), bed.GetProperty("version").GetInt64());
        }

        foreach (var wardId in hospital.WardIds)
        {
            var ward = await Must(api, $"/api/wards/{wardId}");
            snapshot.Boards[wardId] = ward.GetProperty("beds").EnumerateArray().ToDictionary(b => b.GetProperty("id").GetString()!, b => b.GetProperty("status").GetString()!);
            snapshot.Queued[wardId] = (await Must(api, $"/api/wards/{wardId}/pending-admissions")).GetArrayLength();
        }

        var census = await Must(api, "/api/census");
        snapshot.Census[""] = Counts(census.GetProperty("hospital"));
        foreach (var ward in census.GetProperty("wards").EnumerateArray())
        {
            snapshot.Census[ward.GetProperty("wardId").GetString()!] = Counts(ward);
        }

        foreach (var mrn in hospital.Mrns)
        {
            snapshot.CurrentEncounter[mrn] = WardBoard.Text(await Must(api, $"/api/patients/{mrn}"), "currentEncounterId");
            var vitals = (await Must(api, $"/api/patients/{mrn}/vitals")).EnumerateArray().ToList();
            if (vitals.Count > 0)
            {
                var latest = vitals.MaxBy(v => v.GetProperty("takenAt").GetDateTimeOffset());
                snapshot.LatestRisk[mrn] = latest.GetProperty("news2").GetProperty("riskBand").GetString()!;
            }
        }

        var encounterIds = knownEncounters
            .Concat(snapshot.Journal["Admitted"].Select(l => l.EntityId))
            .Concat(snapshot.Beds.Values.Select(b => b.EncounterId))
            .Concat(snapshot.CurrentEncounter.Values)
            .OfType<string>().Distinct().Order(StringComparer.Ordinal);
        foreach (var id in encounterIds)
        {
            snapshot.Encounters[id] = await api.GetAsync($"/api/admissions/{id}") is { } e
                ? new EncounterView(id, e.GetProperty("mrn").GetString()!, e.GetProperty("status").GetString()!, e.GetProperty("bedId").GetString()!, e.GetProperty("version").GetInt64())
                : null;
        }

        foreach (var id in snapshot.Encounters.Where(e => e.Value is not null).Select(e => e.Key))
        {
            var account = await Must(api, $"/api/admissions/{id}/account");
            snapshot.Accounts[id] = new AccountView(id, account.GetProperty("mrn").GetString()!, account.GetProperty("total").GetDecimal(),
                account.GetProperty("paid").GetDecimal(), account.GetProperty("balance").GetDecimal(),
                [.. account.GetProperty("charges").EnumerateArray().Select(c => new ChargeView(c.GetProperty("id").GetString()!, c.GetProperty("code").GetString()!,
                    c.GetProperty("quantity").GetDecimal(), c.GetProperty("amount").GetDecimal(), c.GetProperty("source").GetString()!, WardBoard.Text(c, "reverses")))],
                [.. account.GetProperty("payments").EnumerateArray().Select(p => p.GetProperty("amount").GetDecimal())]);
        }

        foreach (var binId in hospital.BinIds)
        {
            var bin = await Must(api, $"/api/supply-bins/{binId}");
            snapshot.Bins[binId] = new BinView(binId, bin.GetProperty("onHand").GetInt32(), bin.GetProperty("status").GetString()!,
                bin.GetProperty("reorderPoint").GetInt32(),
                bin.TryGetProperty("daysOfSupply", out var days) && days.ValueKind == JsonValueKind.Number ? days.GetDouble() : null,
                bin.GetProperty("lots").EnumerateArray().Select(l => new LotView(l.GetProperty("lot").GetString()!, l.GetProperty("quantity").GetInt32())).ToList(),
                bin.GetProperty("version").GetInt64());
        }

        foreach (var status in new[] { "Open", "Acknowledged" })
        {
            snapshot.ActiveAlerts.AddRange((await Must(api, $"/api/alerts?status={status}&limit=1000")).EnumerateArray().Select(a => new AlertView(
                a.GetProperty("id").GetString()!, a.GetProperty("kind").GetString()!, a.GetProperty("subject").GetString()!,
                WardBoard.Text(a, "key") ?? $"{a.GetProperty("kind").GetString()}|{a.GetProperty("subject").GetString()}",
                a.GetProperty("severity").GetString()!, a.GetProperty("status").GetString()!)));
        }

        var audit = await Must(api, "/api/audit/verify");
        snapshot.AuditProblem = audit.GetProperty("valid").GetBoolean() ? null
            : $"audit chain broken at {audit.GetProperty("brokenAtSequence")}: {WardBoard.Text(audit, "problem")}";
        return snapshot;
    }

    /// <summary>What must not change between two reads for the platform to count as settled (not the audit trail, which every read extends).</summary>
    public string Digest()
    {
        var text = new StringBuilder();
        void Add<T>(string name, IEnumerable<T> items) => text.Append(name).Append(':').AppendJoin(';', items).Append('\n');
        Add("beds", Beds.Values.OrderBy(b => b.Id));
        Add("boards", Boards.SelectMany(w => w.Value.Select(b => $"{b.Key}={b.Value}")).Order());
        Add("census", Census.OrderBy(c => c.Key).Select(c => c.Key + string.Join(',', c.Value.OrderBy(v => v.Key).Select(v => $"{v.Key}={v.Value}"))));
        Add("queued", Queued.OrderBy(q => q.Key).Select(q => $"{q.Key}={q.Value}"));
        Add("encounters", Encounters.OrderBy(e => e.Key).Select(e => $"{e.Key}={e.Value}"));
        Add("current", CurrentEncounter.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"));
        Add("risk", LatestRisk.OrderBy(r => r.Key).Select(r => $"{r.Key}={r.Value}"));
        Add("accounts", Accounts.Values.OrderBy(a => a.EncounterId).Select(a => $"{a.EncounterId}={a.Total}/{a.Charges.Count}"));
        Add("bins", Bins.Values.OrderBy(b => b.Id).Select(b => $"{b.Id}={b.OnHand}/{b.Version}"));
        Add("alerts", ActiveAlerts.Select(a => $"{a.Key}={a.Severity}/{a.Status}").Order());
        Add("journal", Journal.OrderBy(j => j.Key).Select(j => $"{j.Key}={j.Value.Count}"));
        return text.ToString();
    }

    private static async Task<List<JournalLine>> JournalAsync(ApiSession api, string kind)
    {
        var lines = new List<JournalLine>();
        while (true)
        {
            var after = lines.Count == 0 ? 0 : lines[^1].Sequence;
            var page = (await Must(api, $"/api/journal?kind={kind}&after={after}&limit=1000")).EnumerateArray().Select(e => new JournalLine(
                e.GetProperty("sequence").GetInt64(), kind, e.GetProperty("entityId").GetString()!, WardBoard.Text(e, "patientId"),
                JsonDocument.Parse(e.GetProperty("payload").GetString()!).RootElement.Clone())).ToList();
            lines.AddRange(page);
            if (page.Count < 1000)
            {
                return lines;
            }
        }
    }

    private static Dictionary<string, int> Counts(JsonElement counts) =>
        new[] { "total", "available", "reserved", "occupied", "dirty", "cleaning", "blocked", "pendingAdmissions" }
            .ToDictionary(n => n, n => counts.TryGetProperty(n, out var v) ? v.GetInt32() : -1);

    private static async Task<JsonElement> Must(ApiSession api, string path) =>
        await api.GetAsync(path) ?? throw new InvalidOperationException($"GET {path}: 404");
}
