namespace Hospital.FunctionalTests.Integrity;

/// <summary>
/// Every account adds up (total = sum of lines, balance = total - paid), no event is charged twice (one line per source,
/// never credited beyond itself), every supply charge is one consumption of the journal for that patient with its
/// quantity (and is on one account only), and a cancelled admission's account nets to zero.
/// </summary>
public static class BillingChecks
{
    public static void Check(HospitalSnapshot snapshot, List<string> violations)
    {
        var consumptions = snapshot.Journal["StockConsumed"].Where(l => l.Payload.TryGetProperty("version", out _))
            .ToDictionary(l => $"supply:{l.EntityId}:{l.Payload.GetProperty("version").GetInt64()}", l => l);
        var charged = new Dictionary<string, string>();
        foreach (var account in snapshot.Accounts.Values)
        {
            var id = account.EncounterId;
            if (account.Total != account.Charges.Sum(c => c.Amount) || account.Paid != account.Payments.Sum() || account.Balance != account.Total - account.Paid)
            {
                violations.Add($"account {id} shows total {account.Total}, paid {account.Paid}, balance {account.Balance}, not the sums of its lines");
            }

            var charges = account.Charges.Where(c => c.Reverses is null).ToList();
            foreach (var twice in charges.GroupBy(c => c.Source).Where(g => g.Count() > 1))
            {
                violations.Add($"account {id} charges {twice.Key} {twice.Count()} times");
            }

            foreach (var charge in charges)
            {
                var net = charge.Quantity + account.Charges.Where(c => c.Reverses == charge.Id).Sum(c => c.Quantity);
                if (net < 0 || net > charge.Quantity)
                {
                    violations.Add($"account {id} line {charge.Id} is credited to {net} of {charge.Quantity}");
                }

                if (!charge.Source.StartsWith("supply:", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!charged.TryAdd(charge.Source, id))
                {
                    violations.Add($"{charge.Source} is charged to both {charged[charge.Source]} and {id}");
                }

                if (!consumptions.TryGetValue(charge.Source, out var line))
                {
                    violations.Add($"account {id} charges {charge.Source}, which no consumption in the journal is");
                }
                else if (line.Mrn != account.Mrn || line.Payload.GetProperty("quantity").GetInt32() != charge.Quantity)
                {
                    violations.Add($"account {id} ({account.Mrn}) charges {charge.Quantity} for {charge.Source}, a consumption of {line.Payload.GetProperty("quantity")} for {line.Mrn}");
                }
            }

            if (snapshot.Encounters[id] is { Status: "Cancelled" } && account.Total != 0)
            {
                violations.Add($"cancelled admission {id} still charges {account.Total}");
            }
        }
    }
}
