namespace Hospital.Contracts.Clinical;

/// <summary>
/// The National Early Warning Score 2 (Royal College of Physicians, 2017): each parameter scores 0-3, the total sets the
/// clinical risk, and a 3 in any single parameter is low-medium risk on its own.
/// </summary>
public static class News2
{
    public static News2Score Score(VitalSigns v)
    {
        var parameters = new Dictionary<string, int>
        {
            ["respiratoryRate"] = v.RespiratoryRate switch { <= 8 => 3, <= 11 => 1, <= 20 => 0, <= 24 => 2, _ => 3 },
            ["spo2"] = v.Spo2Scale == 2 ? Spo2Scale2(v.Spo2, v.OnOxygen) : v.Spo2 switch { <= 91 => 3, <= 93 => 2, <= 95 => 1, _ => 0 },
            ["airOrOxygen"] = v.OnOxygen ? 2 : 0,
            ["systolicBp"] = v.SystolicBp switch { <= 90 => 3, <= 100 => 2, <= 110 => 1, <= 219 => 0, _ => 3 },
            ["pulse"] = v.Pulse switch { <= 40 => 3, <= 50 => 1, <= 90 => 0, <= 110 => 1, <= 130 => 2, _ => 3 },
            // New confusion counts as C in ACVPU and scores like any reduced consciousness.
            ["consciousness"] = v.Consciousness == Consciousness.A ? 0 : 3,
            ["temperature"] = v.Temperature switch { <= 35.0m => 3, <= 36.0m => 1, <= 38.0m => 0, <= 39.0m => 1, _ => 2 },
        };
        var total = parameters.Values.Sum();
        var band = total switch
        {
            >= 7 => News2RiskBand.High,
            >= 5 => News2RiskBand.Medium,
            _ when parameters.Values.Any(p => p == 3) => News2RiskBand.LowMedium,
            _ => News2RiskBand.Low,
        };
        var (monitoring, minutes) = band switch
        {
            News2RiskBand.High => ("Continuous monitoring of vital signs; emergency assessment by a critical-care team", 15),
            News2RiskBand.Medium => ("Minimum 1-hourly; urgent review by a clinician competent in acute illness", 60),
            News2RiskBand.LowMedium => ("Minimum 1-hourly; urgent ward-based response", 60),
            _ when total == 0 => ("Minimum 12-hourly", 12 * 60),
            _ => ("Minimum 4-6-hourly; registered nurse to assess", 4 * 60),
        };
        return new News2Score(total, band, parameters, monitoring, minutes);
    }

    /// <summary>Scale 2 (target 88-92%): on air, 93% and above scores 0; on oxygen, above 92% scores rising again.</summary>
    private static int Spo2Scale2(int spo2, bool onOxygen) => spo2 switch
    {
        <= 83 => 3,
        <= 85 => 2,
        <= 87 => 1,
        <= 92 => 0,
        _ when !onOxygen => 0,
        <= 94 => 1,
        <= 96 => 2,
        _ => 3,
    };
}
