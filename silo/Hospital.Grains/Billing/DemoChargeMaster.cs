using Hospital.Contracts.Billing;
using Hospital.Grains.Medications;

namespace Hospital.Grains.Billing;

/// <summary>
/// The demo hospital's charge master: bed-days per ward kind, every drug of the knowledge base by its ATC code, common
/// supplies by SKU and common laboratory tests by LOINC code. Demonstration prices, not a tariff.
/// </summary>
public static class DemoChargeMaster
{
    public static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Code, string Description, decimal Price)[] BedDays =
    [
        (ChargeCodes.DefaultBedDay, "Bed-day, general ward", 450.00m),
        ("BED-DAY-SURGICAL", "Bed-day, surgical ward", 520.00m),
        ("BED-DAY-ICU", "Bed-day, intensive care", 1850.00m),
        ("BED-DAY-HDU", "Bed-day, high dependency", 1100.00m),
        ("BED-DAY-MATERNITY", "Bed-day, maternity", 480.00m),
        ("BED-DAY-PAEDIATRIC", "Bed-day, paediatric ward", 510.00m),
    ];

    private static readonly (string Code, string Description, decimal Price)[] Supplies =
    [
        ("SKU-GLOVES-M", "Examination gloves, medium (pair)", 0.35m),
        ("SKU-SYRINGE-10", "Syringe 10 ml", 0.42m),
        ("SKU-CANNULA-20G", "IV cannula 20G", 2.85m),
        ("SKU-SALINE-1L", "Sodium chloride 0.9% 1 L infusion bag", 3.10m),
        ("SKU-GAUZE-10", "Gauze swabs 10 cm (pack of 5)", 0.90m),
        ("SKU-DRESSING-L", "Adhesive wound dressing, large", 1.75m),
        ("SKU-CATHETER-14", "Urinary catheter 14 Ch", 6.40m),
        ("SKU-MASK-FFP3", "FFP3 respirator mask", 2.20m),
        ("SKU-GIVING-SET", "IV giving set", 3.95m),
        ("SKU-BLOOD-TUBE", "Blood collection tube", 0.28m),
    ];

    private static readonly (string Code, string Description, decimal Price)[] Labs =
    [
        ("2345-7", "Glucose, serum or plasma", 6.50m),
        ("2823-3", "Potassium, serum or plasma", 5.80m),
        ("2951-2", "Sodium, serum or plasma", 5.80m),
        ("2160-0", "Creatinine, serum or plasma", 7.20m),
        ("718-7", "Haemoglobin, blood", 8.10m),
        ("6690-2", "White blood cell count, blood", 8.10m),
        ("777-3", "Platelet count, blood", 8.10m),
        ("1988-5", "C-reactive protein, serum or plasma", 11.40m),
        ("6598-7", "Troponin T, serum or plasma", 24.00m),
        ("2524-7", "Lactate, serum or plasma", 12.30m),
        ("5902-2", "Prothrombin time", 9.60m),
        ("34714-6", "INR", 9.60m),
        ("1920-8", "AST, serum or plasma", 6.90m),
        ("1742-6", "ALT, serum or plasma", 6.90m),
        ("600-7", "Blood culture", 32.00m),
    ];

    public static IReadOnlyList<ChargeItemSpec> Items() =>
    [
        .. BedDays.Select(b => new ChargeItemSpec(b.Code, b.Description, b.Price, From, ChargeCategory.Accommodation)),
        .. DrugKnowledge.Shipped.Drugs.Select(d => new ChargeItemSpec(d.Code, $"{d.Name} (per dose)", DrugPrice(d.Code), From, ChargeCategory.Pharmacy)),
        .. Supplies.Select(s => new ChargeItemSpec(s.Code, s.Description, s.Price, From, ChargeCategory.Supplies)),
        .. Labs.Select(l => new ChargeItemSpec(l.Code, l.Description, l.Price, From, ChargeCategory.Laboratory)),
    ];

    /// <summary>A stable demo price per dose from the code: 0.50 to 24.25.</summary>
    private static decimal DrugPrice(string code) => 0.50m + code.Aggregate(17, (h, c) => (h * 31 + c) % 96) * 0.25m;
}
