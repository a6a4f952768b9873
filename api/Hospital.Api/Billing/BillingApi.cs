using Hospital.Api.Problems;
using Hospital.Api.Security;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hospital.Api.Security.SecurityRegistration;

namespace Hospital.Api.Billing;

/// <summary>A price version as listed: in force from <c>effectiveFrom</c> until <c>effectiveTo</c> (the next version's start), if any.</summary>
public sealed record ChargeItemView(string Code, string Description, decimal UnitPrice, DateTimeOffset EffectiveFrom, DateTimeOffset? EffectiveTo,
    ChargeCategory Category, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record WardRateView(string WardId, string Code);

/// <summary>The charge master and each admission's account: charges, credits and payments.</summary>
public static class BillingApi
{
    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder app)
    {
        var read = Policy(Permission.BillingRead);
        var write = Policy(Permission.BillingWrite);
        var master = app.MapGroup("/api/charge-master").WithTags("Billing");
        master.MapPost("/", AddPrice).RequireAuthorization(write).WithName("AddChargeMasterPrice")
            .WithSummary("Price a code from effectiveFrom (default now); a price change is a new version, posted charges keep theirs.");
        master.MapGet("/", ListPrices).RequireAuthorization(read).WithName("ListChargeMaster").WithSummary("Every price version, by code then start.");
        master.MapGet("/{code}", GetPrices).RequireAuthorization(read).WithName("GetChargeMasterCode").WithSummary("The price versions of one code.");

        var rates = app.MapGroup("/api/billing/ward-rates").WithTags("Billing");
        rates.MapGet("/", WardRates).RequireAuthorization(read).WithName("ListWardRates").WithSummary("The bed-day charge code of each ward that has its own.");
        rates.MapPut("/{wardId}", SetWardRate).RequireAuthorization(write).WithName("SetWardRate")
            .WithSummary($"Set a ward's bed-day charge code (default {ChargeCodes.DefaultBedDay}) for midnights from now on.");

        var account = app.MapGroup("/api/admissions/{encounterId}").WithTags("Billing").WithMetadata(new PatientDataAttribute());
        account.MapGet("/account", GetAccount).RequireAuthorization(read).WithName("GetAccount")
            .WithSummary("The admission's account: charges (credits included), payments, total, paid, balance.");
        account.MapPost("/charges", PostCharge).RequireAuthorization(write).WithName("PostManualCharge")
            .WithSummary("A manual charge at the charge master's price now.");
        account.MapPost("/credits", PostCredit).RequireAuthorization(write).WithName("PostCredit")
            .WithSummary("Credit a charge line (all of it, or a quantity) with a reason.");
        account.MapPost("/payments", PostPayment).RequireAuthorization(write).WithName("PostPayment")
            .WithSummary("Record a payment (Cash, Card, Insurer, BankTransfer, Cheque; all but cash need a reference).");
        return app;
    }

    public static async Task<Results<Created<ChargeItem>, ValidationProblem>> AddPrice(ChargeItemRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var spec = request.Validate(errors);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var item = await grains.GetGrain<IChargeMasterGrain>(0).Add(spec!);
        return TypedResults.Created($"/api/charge-master/{Uri.EscapeDataString(item.Code)}", item);
    }

    public static async Task<Ok<IReadOnlyList<ChargeItemView>>> ListPrices(IGrainFactory grains) =>
        TypedResults.Ok(Views(await grains.GetGrain<IChargeMasterGrain>(0).List()));

    public static async Task<Ok<IReadOnlyList<ChargeItemView>>> GetPrices(string code, IGrainFactory grains)
    {
        var versions = ChargeCodes.IsValid(code) ? (await grains.GetGrain<IChargeMasterGrain>(0).List()).Where(i => i.Code == code).ToList() : [];
        return versions.Count > 0 ? TypedResults.Ok(Views(versions)) : throw HospitalException.NotFound("Charge code", code.Length <= 64 ? code : code[..64]);
    }

    public static async Task<Ok<IReadOnlyList<WardRateView>>> WardRates(IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<WardRateView>>([.. (await grains.GetGrain<IChargeMasterGrain>(0).WardRates())
            .OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new WardRateView(r.Key, r.Value))]);

    public static async Task<Results<Ok<WardRateView>, ValidationProblem>> SetWardRate(string wardId, WardRateRequest request, IGrainFactory grains)
    {
        if (new FieldErrors().ChargeCode("code", request.Code).ToProblem() is { } problem)
        {
            return problem;
        }

        var ward = await Lookup.Ward(grains, wardId);
        await grains.GetGrain<IChargeMasterGrain>(0).SetWardRate(ward.Id, request.Code!);
        return TypedResults.Ok(new WardRateView(ward.Id, request.Code!));
    }

    public static async Task<Ok<Account>> GetAccount(string encounterId, IGrainFactory grains) => TypedResults.Ok(await Account(grains, encounterId));

    public static async Task<Results<Created<ChargeLine>, ValidationProblem>> PostCharge(string encounterId, ManualChargeRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var charge = request.Validate(errors);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var account = await Account(grains, encounterId);
        var line = await grains.GetGrain<IAccountGrain>(account.EncounterId).PostCharge(charge!);
        return TypedResults.Created($"/api/admissions/{account.EncounterId}/account", line);
    }

    public static async Task<Results<Created<ChargeLine>, ValidationProblem>> PostCredit(string encounterId, CreditRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        request.Validate(errors);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var account = await Account(grains, encounterId);
        var line = await grains.GetGrain<IAccountGrain>(account.EncounterId).Credit(request.ChargeId!, request.Quantity, request.Reason!);
        return TypedResults.Created($"/api/admissions/{account.EncounterId}/account", line);
    }

    public static async Task<Results<Created<PaymentLine>, ValidationProblem>> PostPayment(string encounterId, PaymentRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var payment = request.Validate(errors);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var account = await Account(grains, encounterId);
        var line = await grains.GetGrain<IAccountGrain>(account.EncounterId).PostPayment(payment!);
        return TypedResults.Created($"/api/admissions/{account.EncounterId}/account", line);
    }

    /// <summary>The admission's account, or 404 for an admission that does not exist.</summary>
    private static async Task<Account> Account(IGrainFactory grains, string encounterId)
    {
        var account = Lookup.IsPlausibleId(encounterId) ? await grains.GetGrain<IAccountGrain>(encounterId).Get() : null;
        if (account is null)
        {
            throw HospitalException.NotFound("Admission", encounterId.Length <= Lookup.IdMaxLength ? encounterId : encounterId[..Lookup.IdMaxLength] + "...");
        }

        PatientAccess.Note(account.Mrn);
        return account;
    }

    private static IReadOnlyList<ChargeItemView> Views(IReadOnlyList<ChargeItem> items) =>
        [.. items.GroupBy(i => i.Code, StringComparer.Ordinal).SelectMany(code =>
        {
            var versions = code.OrderBy(i => i.EffectiveFrom).ToList();
            return versions.Select((v, n) => new ChargeItemView(v.Code, v.Description, v.UnitPrice, v.EffectiveFrom,
                n + 1 < versions.Count ? versions[n + 1].EffectiveFrom : null, v.Category, v.CreatedAt, v.CreatedBy));
        })];
}
