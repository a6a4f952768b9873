using Hospital.Api.Problems;
using Hospital.Contracts.Billing;

namespace Hospital.Api.Billing;

/// <summary>A price for a charge code, in force from <paramref name="EffectiveFrom"/> (default: now).</summary>
public sealed record ChargeItemRequest(string? Code, string? Description, decimal? UnitPrice, DateTimeOffset? EffectiveFrom, ChargeCategory? Category)
{
    public ChargeItemSpec? Validate(FieldErrors errors)
    {
        errors.ChargeCode("code", Code).RequiredText("description", Description);
        if (errors.Required("unitPrice", UnitPrice))
        {
            errors.Money("unitPrice", UnitPrice!.Value, allowZero: true);
        }

        errors.Check(Category is null || Enum.IsDefined(Category.Value), "category", "The category is not one of " + string.Join(", ", Enum.GetNames<ChargeCategory>()) + ".")
            .Check(EffectiveFrom is null || (EffectiveFrom >= InputLimits.EarliestTime && EffectiveFrom <= InputLimits.LatestTime), "effectiveFrom",
                $"effectiveFrom must be between {InputLimits.EarliestTime:yyyy-MM-dd} and {InputLimits.LatestTime:yyyy-MM-dd} (UTC).");
        return errors.Any ? null : new ChargeItemSpec(Code!, Description!.Trim(), UnitPrice!.Value, EffectiveFrom, Category);
    }
}

public sealed record ManualChargeRequest(string? Code, decimal? Quantity, string? Reason)
{
    public ManualCharge? Validate(FieldErrors errors)
    {
        errors.ChargeCode("code", Code).MaxLength("reason", Reason, 500);
        if (errors.Required("quantity", Quantity))
        {
            errors.BillingQuantity("quantity", Quantity!.Value);
        }

        return errors.Any ? null : new ManualCharge(Code!, Quantity!.Value, Reason);
    }
}

/// <summary>A credit of a line (all of it unless <paramref name="Quantity"/> says how much) with a reason.</summary>
public sealed record CreditRequest(string? ChargeId, decimal? Quantity, string? Reason)
{
    public void Validate(FieldErrors errors)
    {
        errors.RequiredText("chargeId", ChargeId, 300).RequiredText("reason", Reason, 500);
        if (Quantity is { } quantity)
        {
            errors.BillingQuantity("quantity", quantity);
        }
    }
}

public sealed record PaymentRequest(decimal? Amount, PaymentMethod? Method, string? Reference)
{
    public PaymentCommand? Validate(FieldErrors errors)
    {
        if (errors.Required("amount", Amount))
        {
            errors.Money("amount", Amount!.Value, allowZero: false);
        }

        if (errors.Required("method", Method))
        {
            errors.Check(Enum.IsDefined(Method!.Value), "method", "The method is not one of " + string.Join(", ", Enum.GetNames<PaymentMethod>()) + ".");
        }

        errors.MaxLength("reference", Reference, 200)
            .Check(Method is not (PaymentMethod.Card or PaymentMethod.Insurer or PaymentMethod.BankTransfer or PaymentMethod.Cheque) || !string.IsNullOrWhiteSpace(Reference),
                "reference", "A payment by card, insurer, bank transfer or cheque needs its reference.");
        return errors.Any ? null : new PaymentCommand(Amount!.Value, Method!.Value, Reference);
    }
}

public sealed record WardRateRequest(string? Code);

internal static class BillingRules
{
    public static FieldErrors ChargeCode(this FieldErrors errors, string field, string? code) =>
        errors.Required(field, code)
            ? errors.Check(ChargeCodes.IsValid(code), field, "A charge code is 1 to 64 letters, digits or - _ . :")
            : errors;

    public static FieldErrors Money(this FieldErrors errors, string field, decimal amount, bool allowZero) =>
        errors.Check((allowZero ? amount >= 0 : amount > 0) && amount <= Contracts.Billing.Money.MaxAmount, field,
                $"The {field} must be {(allowZero ? "at least 0" : "more than 0")} and at most {Contracts.Billing.Money.MaxAmount}.")
            .Check(Contracts.Billing.Money.HasAtMostDecimals(amount, 2), field, $"The {field} has at most 2 decimals.");

    public static FieldErrors BillingQuantity(this FieldErrors errors, string field, decimal quantity) =>
        errors.Check(quantity > 0 && quantity <= Contracts.Billing.Money.MaxQuantity && Contracts.Billing.Money.HasAtMostDecimals(quantity, 3), field,
            $"The {field} must be more than 0 and at most {Contracts.Billing.Money.MaxQuantity}, with at most 3 decimals.");
}
