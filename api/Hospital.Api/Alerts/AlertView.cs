using System.Security.Claims;
using Hospital.Contracts.Alerts;
using Hospital.Contracts.Security;

namespace Hospital.Api.Alerts;

/// <summary>
/// Minimum necessary: alert texts carry no clinical values, and a caller without chart access sees that a clinical
/// alert exists and whom it concerns, not what it says (also for alerts stored by earlier versions, whose texts did
/// carry values).
/// </summary>
public static class AlertView
{
    public static readonly IReadOnlySet<string> ClinicalKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "News2", "CriticalResult", "ObservationsOverdue", "MedicationOverdue",
    };

    public static Alert For(ClaimsPrincipal user, Alert alert) =>
        ClinicalKinds.Contains(alert.Kind) && !CanReadCharts(user)
            ? alert with { Message = $"Clinical alert ({alert.Kind}) for {alert.Subject}: a clinician with chart access must review it." }
            : alert;

    public static IReadOnlyList<Alert> For(ClaimsPrincipal user, IReadOnlyList<Alert> alerts) =>
        CanReadCharts(user) ? alerts : alerts.Select(a => For(user, a)).ToList();

    private static bool CanReadCharts(ClaimsPrincipal user) =>
        PermissionMatrix.Allows(user.FindAll(ClaimTypes.Role).Select(c => c.Value), Permission.ChartRead);
}
