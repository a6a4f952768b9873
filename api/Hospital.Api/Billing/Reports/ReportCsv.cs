using System.Globalization;
using CsvHelper;
using Hospital.Contracts.Common;

namespace Hospital.Api.Billing.Reports;

/// <summary>
/// The reports as CSV for spreadsheets and finance systems: a header row, invariant culture, money with two decimals,
/// days as yyyy-MM-dd and times as ISO 8601 UTC. Text a spreadsheet would run as a formula is escaped (numbers are not text).
/// </summary>
public static class ReportCsv
{
    private static readonly CsvWriterOptions Options = new() { FormatProvider = CultureInfo.InvariantCulture, Injection = CsvInjection.Escape };

    public static string Receivables(ReceivablesReport report) => Table(
        ["payer", .. report.Buckets.Select(b => b.Label), "in-house", "total", "accounts"],
        report.Payers.Append(report.Totals).Select(r => (object?[])[r.PayerId, .. r.Amounts.Cast<object>(), r.InHouse, r.Total, r.Accounts]));

    public static string Revenue(RevenueReport report) => Table(
        ["date", "ward", "category", "charges", "credits", "net"],
        report.Rows.Select(r => (object?[])[r.Date, r.WardId, r.Category.ToString(), r.Charges, r.Credits, r.Net]));

    public static string Unbilled(UnbilledReport report) => Table(
        ["encounterId", "mrn", "payer", "openedAt", "dischargedAt", "total", "invoiced", "notInvoiced", "lastInvoice", "unpriced"],
        report.Accounts.Select(a => (object?[])[a.EncounterId, a.Mrn, a.PayerId, a.OpenedAt, a.DischargedAt, a.Total, a.Invoiced, a.NotInvoiced,
            a.LastInvoice, a.UnpricedCount]));

    private static string Table(string[] header, IEnumerable<object?[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            csv.WriteRecord(header);
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    Write(csv, cell);
                }

                csv.EndRecord();
            }
        }

        return text.ToString();
    }

    private static void Write(CsvWriter csv, object? cell)
    {
        switch (cell)
        {
            case decimal money:
                csv.WriteField(money, "0.00");
                break;
            case DateOnly day:
                csv.WriteField(day, "yyyy-MM-dd");
                break;
            case DateTimeOffset at:
                csv.WriteField(HospitalClock.Format(at));
                break;
            default:
                csv.WriteField(cell);
                break;
        }
    }
}
