using Hospital.Contracts.Admissions;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Medications;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Security;
using Hospital.Contracts.Billing.Claims;

namespace Hospital.Grains.Security;

/// <summary>
/// Re-checks permissions where patient data lives, so an endpoint that forgot its policy still cannot reach it. Calls
/// made on behalf of a caller carry the caller's roles in the request context along the whole call chain; calls the
/// platform makes itself (reminders, timers, seeding) carry none and are not restricted.
/// </summary>
public sealed class PatientDataGuard : IIncomingGrainCallFilter
{
    private static readonly Dictionary<(Type, string), Permission> Required = new()
    {
        [(typeof(IPatientGrain), nameof(IPatientGrain.Get))] = Permission.PatientRead,
        [(typeof(IPatientGrain), nameof(IPatientGrain.Register))] = Permission.PatientWrite,
        [(typeof(IPatientGrain), nameof(IPatientGrain.UpdateDemographics))] = Permission.PatientWrite,
        [(typeof(IPatientGrain), nameof(IPatientGrain.Admit))] = Permission.Admission,
        [(typeof(IPatientGrain), nameof(IPatientGrain.EncounterEnded))] = Permission.Admission,
        [(typeof(IPatientGrain), nameof(IPatientGrain.EncounterResumed))] = Permission.Admission,
        [(typeof(IEncounterGrain), nameof(IEncounterGrain.Get))] = Permission.OperationsRead,
        [(typeof(IChartGrain), nameof(IChartGrain.GetEntries))] = Permission.ChartRead,
        [(typeof(IChartGrain), nameof(IChartGrain.GetRecentVitals))] = Permission.ChartRead,
        [(typeof(IChartGrain), nameof(IChartGrain.GetRecentLabs))] = Permission.ChartRead,
        [(typeof(IChartGrain), nameof(IChartGrain.CheckObservationsDue))] = Permission.ChartRead,
        [(typeof(IChartGrain), nameof(IChartGrain.PlaceLabOrder))] = Permission.LabOrder,
        [(typeof(IChartGrain), nameof(IChartGrain.CancelLabOrder))] = Permission.LabOrder,
        [(typeof(IChartGrain), nameof(IChartGrain.GetLabOrders))] = Permission.ChartRead,
        [(typeof(IChartGrain), nameof(IChartGrain.GetUnacknowledgedCritical))] = Permission.ChartRead,
        [(typeof(IMedicationGrain), nameof(IMedicationGrain.PlaceOrder))] = Permission.MedicationOrder,
        [(typeof(IMedicationGrain), nameof(IMedicationGrain.PreviewOrder))] = Permission.MedicationOrder,
        [(typeof(IMedicationGrain), nameof(IMedicationGrain.GetOrders))] = Permission.MedicationRead,
        [(typeof(IMedicationGrain), nameof(IMedicationGrain.GetOrder))] = Permission.MedicationRead,
        [(typeof(IMedicationGrain), nameof(IMedicationGrain.GetMar))] = Permission.MedicationRead,
        [(typeof(IMedicationGrain), nameof(IMedicationGrain.Discontinue))] = Permission.MedicationDiscontinue,
        [(typeof(IMedicationGrain), nameof(IMedicationGrain.RecordDose))] = Permission.MedicationAdminister,
        [(typeof(IMedicationGrain), nameof(IMedicationGrain.RecordPrnDose))] = Permission.MedicationAdminister,
        [(typeof(IMedicationGrain), nameof(IMedicationGrain.CorrectDose))] = Permission.MedicationAdminister,
        [(typeof(IAccountGrain), nameof(IAccountGrain.Get))] = Permission.BillingRead,
        [(typeof(IAccountGrain), nameof(IAccountGrain.PostCharge))] = Permission.BillingWrite,
        [(typeof(IAccountGrain), nameof(IAccountGrain.Credit))] = Permission.BillingWrite,
        [(typeof(IAccountGrain), nameof(IAccountGrain.PostPayment))] = Permission.BillingWrite,
        [(typeof(IAccountGrain), nameof(IAccountGrain.SetPayer))] = Permission.BillingWrite,
        [(typeof(IInvoiceRegisterGrain), nameof(IInvoiceRegisterGrain.Issue))] = Permission.BillingWrite,
        [(typeof(IInvoiceGrain), nameof(IInvoiceGrain.Get))] = Permission.BillingRead,
        [(typeof(IInvoiceIndexGrain), nameof(IInvoiceIndexGrain.Of))] = Permission.BillingRead,
        [(typeof(IInvoiceIndexGrain), nameof(IInvoiceIndexGrain.Latest))] = Permission.BillingRead,
        [(typeof(IMedicationGrain), nameof(IMedicationGrain.CheckDosesDue))] = Permission.MedicationRead,
        [(typeof(ICoverageGrain), nameof(ICoverageGrain.List))] = Permission.BillingRead,
        [(typeof(ICoverageGrain), nameof(ICoverageGrain.Choose))] = Permission.BillingRead,
        [(typeof(ICoverageGrain), nameof(ICoverageGrain.Add))] = Permission.BillingWrite,
        [(typeof(ICoverageGrain), nameof(ICoverageGrain.End))] = Permission.BillingWrite,
        [(typeof(IClaimGrain), nameof(IClaimGrain.Get))] = Permission.BillingRead,
        [(typeof(IClaimRegisterGrain), nameof(IClaimRegisterGrain.Query))] = Permission.BillingRead,
        [(typeof(IClaimRegisterGrain), nameof(IClaimRegisterGrain.Apply))] = Permission.BillingWrite,
    };

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (Actor.Roles is { } roles && Requirement(context) is { } permission && !PermissionMatrix.Allows(roles, permission))
        {
            throw HospitalException.Forbidden($"{Actor.Current} may not {context.InterfaceMethod?.Name} ({permission}).");
        }

        await context.Invoke();
    }

    private static Permission? Requirement(IIncomingGrainCallContext context)
    {
        var type = context.InterfaceMethod?.DeclaringType;
        if (type is null)
        {
            return null;
        }

        if (Required.TryGetValue((type, context.InterfaceMethod!.Name), out var permission))
        {
            return permission;
        }

        // Everything else on these grains changes patient data.
        return type == typeof(IChartGrain) ? Permission.ChartWrite : type == typeof(IEncounterGrain) ? Permission.Admission
            : type == typeof(IClaimGrain) ? Permission.BillingWrite : null;
    }
}
