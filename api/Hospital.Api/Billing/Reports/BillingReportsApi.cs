using System.Text;
using Hospital.Api.Problems;
using Hospital.Api.Security;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Common;
using Hospital.Contracts.Security;
using Hospital.Grains.Billing;
using Hospital.Grains.Medications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Hospital.Api.Security.SecurityRegistration;

namespace Hospital.Api.Billing.Reports;

public static class BillingReportsApi
{
    /// <summary>The longest revenue period.</summary>
    public const int MaxRevenueDays = 366;

    private static readonly DateOnly Earliest = DateOnly.FromDateTime(InputLimits.EarliestTime.UtcDateTime);
    private static readonly DateOnly Latest = DateOnly.FromDateTime(InputLimits.LatestTime.UtcDateTime);

    public static IEndpointRouteBuilder MapBillingReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/billing/reports").WithTags("Billing").RequireAuthorization(Policy(Permission.BillingRead));
        api.MapGet("/receivables", GetReceivables).WithName("GetReceivables")
            .WithSummary("Open balances by payer and age since discharge (0-30, 31-60, 61-90, 90+ days), in-house apart; `format=csv` for CSV.");
        api.MapGet("/revenue", GetRevenue).WithName("GetRevenue")
            .WithSummary("Net revenue (charges and credits) by hospital day, ward and category from `from` up to `to` (dates, at most 366 days); `format=csv` for CSV.");
        api.MapGet("/unbilled", GetUnbilled).WithName("GetUnbilled").WithMetadata(new PatientDataAttribute())
            .WithSummary("Accounts with charges no invoice carries yet, and accounts with unpriced events; `format=csv` for CSV.");
        return app;
    }

    /// <param name="asOf">The day balances are aged to (hospital day; default today).</param>
    /// <param name="format">`json` (default) or `csv`.</param>
    public static async Task<Results<Ok<ReceivablesReport>, FileContentHttpResult, ValidationProblem>> GetReceivables(
        DateOnly? asOf, string? format, IBillingLedger ledger, HospitalTime clock, IOptions<HospitalZoneOptions> zone, IOptions<BillingOptions> billing,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Format(format).DateWithin("asOf", asOf, Earliest, Latest);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var day = asOf ?? HospitalDays.Of(clock.GetUtcNow(), zone.Value.Zone);
        var accounts = await ledger.AccountsAsync(openBalanceOnly: true, Receivables.MaxAccounts + 1, cancellationToken);
        var report = Receivables.Compute(accounts.Take(Receivables.MaxAccounts), day, zone.Value.Zone, billing.Value.Currency, accounts.Count > Receivables.MaxAccounts);
        return IsCsv(format) ? Csv(ReportCsv.Receivables(report), $"receivables-{day:yyyy-MM-dd}.csv") : TypedResults.Ok(report);
    }

    /// <param name="from">The first hospital day (default 30 days before `to`).</param>
    /// <param name="to">The day after the last (default tomorrow): the period is [from, to).</param>
    /// <param name="format">`json` (default) or `csv`.</param>
    public static async Task<Results<Ok<RevenueReport>, FileContentHttpResult, ValidationProblem>> GetRevenue(
        DateOnly? from, DateOnly? to, string? format, IBillingLedger ledger, HospitalTime clock, IOptions<HospitalZoneOptions> zone,
        IOptions<BillingOptions> billing, CancellationToken cancellationToken)
    {
        var tz = zone.Value.Zone;
        var end = to ?? HospitalDays.Of(clock.GetUtcNow(), tz).AddDays(1);
        var start = from ?? end.AddDays(-30);
        var errors = new FieldErrors().Format(format).DateWithin("from", from, Earliest, Latest).DateWithin("to", to, Earliest, Latest);
        if (!errors.Any)
        {
            errors.Check(start < end, "to", "The to date must be after the from date.")
                .Check(end.DayNumber - start.DayNumber <= MaxRevenueDays, "from", $"The period must be at most {MaxRevenueDays} days.");
        }

        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var revenue = new Revenue(start, end, tz, billing.Value.Currency);
        var report = revenue.Report(truncated: await revenue.ReadAsync(ledger, cancellationToken: cancellationToken));
        return IsCsv(format) ? Csv(ReportCsv.Revenue(report), $"revenue-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv") : TypedResults.Ok(report);
    }

    /// <param name="format">`json` (default) or `csv`.</param>
    public static async Task<Results<Ok<UnbilledReport>, FileContentHttpResult, ValidationProblem>> GetUnbilled(
        string? format, IBillingLedger ledger, IGrainFactory grains, HospitalTime clock, IOptions<BillingOptions> billing, CancellationToken cancellationToken)
    {
        if (new FieldErrors().Format(format).ToProblem() is { } problem)
        {
            return problem;
        }

        var accounts = await ledger.AccountsAsync(openBalanceOnly: false, Unbilled.MaxAccounts + 1, cancellationToken);
        var invoices = await Task.WhenAll(Enumerable.Range(0, InvoiceIndex.Shards).Select(s => grains.GetGrain<IInvoiceIndexGrain>(s).Latest()));
        var report = Unbilled.Compute(accounts.Take(Unbilled.MaxAccounts), invoices.SelectMany(i => i), billing.Value.Currency, accounts.Count > Unbilled.MaxAccounts);
        if (!IsCsv(format))
        {
            return TypedResults.Ok(report);
        }

        foreach (var account in report.Accounts)
        {
            PatientAccess.Note(account.Mrn);
        }

        return Csv(ReportCsv.Unbilled(report), $"unbilled-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    private static FieldErrors Format(this FieldErrors errors, string? format) =>
        errors.Check(format is null or "json" or "csv", "format", "The format must be json or csv.");

    private static bool IsCsv(string? format) => format == "csv";

    private static FileContentHttpResult Csv(string csv, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", fileName);
}
