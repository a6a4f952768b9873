namespace Hospital.Contracts.Security;

/// <summary>The roles of the platform.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string BedManager = "BedManager";
    public const string ChargeNurse = "ChargeNurse";
    public const string Nurse = "Nurse";
    public const string Physician = "Physician";
    public const string Pharmacist = "Pharmacist";
    public const string Billing = "Billing";
    public const string HumanResources = "HumanResources";
    public const string Integration = "Integration";

    public static readonly IReadOnlyList<string> All = [Admin, BedManager, ChargeNurse, Nurse, Physician, Pharmacist, Billing, HumanResources, Integration];

    /// <summary>Roles that see patients' names; everyone else sees initials and MRN.</summary>
    public static readonly IReadOnlyList<string> Clinical = [ChargeNurse, Nurse, Physician, Pharmacist];
}

/// <summary>What a role may do. Endpoints require one; patient-data grains check them again.</summary>
public enum Permission
{
    PatientRead,
    PatientWrite,
    ChartRead,
    ChartWrite,
    Admission,
    BedStatus,
    WardAdmin,
    OperationsRead,
    AlertAcknowledge,
    InventoryRead,
    InventoryWrite,
    InventoryAdmin,
    JournalRead,
    AuditRead,
    UserAdmin,
    ApiReference,
    MedicationRead,
    MedicationOrder,
    MedicationAdminister,
    MedicationDiscontinue,
    LabOrder,
    /// <summary>Read the HL7 interface log (raw messages and the acknowledgements sent).</summary>
    InterfaceLog,
    /// <summary>Read accounts, the charge master, invoices, claims and finance reports.</summary>
    BillingRead,
    /// <summary>Post charges, credits and payments; price codes; invoice; payers, coverage and claims.</summary>
    BillingWrite,
}

/// <summary>The permission matrix (documented in the README). Admin holds every permission.</summary>
public static class PermissionMatrix
{
    private static readonly Dictionary<string, Permission[]> Grants = new(StringComparer.Ordinal)
    {
        [Roles.Admin] = Enum.GetValues<Permission>(),
        [Roles.BedManager] = [Permission.PatientRead, Permission.PatientWrite, Permission.Admission, Permission.BedStatus, Permission.WardAdmin,
            Permission.OperationsRead, Permission.AlertAcknowledge, Permission.InventoryRead],
        [Roles.ChargeNurse] = [Permission.PatientRead, Permission.PatientWrite, Permission.ChartRead, Permission.ChartWrite, Permission.Admission,
            Permission.BedStatus, Permission.OperationsRead, Permission.AlertAcknowledge, Permission.InventoryRead, Permission.InventoryWrite, Permission.InventoryAdmin,
            Permission.MedicationRead, Permission.MedicationAdminister],
        [Roles.Nurse] = [Permission.PatientRead, Permission.ChartRead, Permission.ChartWrite, Permission.BedStatus, Permission.OperationsRead,
            Permission.AlertAcknowledge, Permission.InventoryRead, Permission.InventoryWrite, Permission.MedicationRead, Permission.MedicationAdminister],
        [Roles.Physician] = [Permission.PatientRead, Permission.PatientWrite, Permission.ChartRead, Permission.ChartWrite, Permission.Admission,
            Permission.OperationsRead, Permission.AlertAcknowledge, Permission.MedicationRead, Permission.MedicationOrder, Permission.MedicationDiscontinue,
            Permission.LabOrder],
        [Roles.Pharmacist] = [Permission.PatientRead, Permission.ChartRead, Permission.OperationsRead, Permission.AlertAcknowledge,
            Permission.InventoryRead, Permission.InventoryWrite, Permission.InventoryAdmin, Permission.MedicationRead, Permission.MedicationDiscontinue],
        [Roles.Billing] = [Permission.PatientRead, Permission.BillingRead, Permission.BillingWrite],
        [Roles.HumanResources] = [],
        [Roles.Integration] = [Permission.PatientRead, Permission.PatientWrite, Permission.ChartRead, Permission.ChartWrite, Permission.Admission,
            Permission.BedStatus, Permission.OperationsRead, Permission.InventoryRead, Permission.InventoryWrite, Permission.MedicationRead,
            Permission.LabOrder, Permission.InterfaceLog],
    };

    public static IReadOnlyList<Permission> Of(string role) => Grants.GetValueOrDefault(role) ?? [];

    public static bool Allows(IEnumerable<string> roles, Permission permission) => roles.Any(r => Of(r).Contains(permission));

    public static IReadOnlyList<string> RolesWith(Permission permission) => Roles.All.Where(r => Of(r).Contains(permission)).ToList();
}
