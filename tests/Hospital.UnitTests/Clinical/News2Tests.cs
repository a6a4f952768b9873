using Hospital.Contracts.Clinical;

namespace Hospital.UnitTests.Clinical;

/// <summary>Every band boundary of every parameter of the RCP 2017 NEWS2 chart, on a patient otherwise scoring 0.</summary>
public sealed class News2Tests
{
    private static readonly VitalSigns Normal = new(16, 97, 1, false, 120, 70, Consciousness.A, 37.0m, DateTimeOffset.UnixEpoch);

    private static int Points(VitalSigns v, string parameter) => News2.Score(v).Parameters[parameter];

    [Fact]
    public void NormalVitalsScoreZeroAndLowRiskWithTwelveHourlyMonitoring()
    {
        var score = News2.Score(Normal);

        Assert.Equal((0, News2RiskBand.Low, 720), (score.Score, score.RiskBand, score.MonitoringIntervalMinutes));
    }

    [Theory]
    [InlineData(8, 3)] [InlineData(9, 1)] [InlineData(11, 1)] [InlineData(12, 0)] [InlineData(20, 0)]
    [InlineData(21, 2)] [InlineData(24, 2)] [InlineData(25, 3)]
    public void RespirationRate(int rate, int points) => Assert.Equal(points, Points(Normal with { RespiratoryRate = rate }, "respiratoryRate"));

    [Theory]
    [InlineData(91, 3)] [InlineData(92, 2)] [InlineData(93, 2)] [InlineData(94, 1)] [InlineData(95, 1)] [InlineData(96, 0)] [InlineData(100, 0)]
    public void Spo2Scale1(int spo2, int points) => Assert.Equal(points, Points(Normal with { Spo2 = spo2 }, "spo2"));

    [Theory]
    [InlineData(83, false, 3)] [InlineData(84, false, 2)] [InlineData(85, false, 2)] [InlineData(86, false, 1)] [InlineData(87, false, 1)]
    [InlineData(88, false, 0)] [InlineData(92, false, 0)] [InlineData(93, false, 0)] [InlineData(100, false, 0)]
    [InlineData(88, true, 0)] [InlineData(92, true, 0)] [InlineData(93, true, 1)] [InlineData(94, true, 1)] [InlineData(95, true, 2)]
    [InlineData(96, true, 2)] [InlineData(97, true, 3)]
    public void Spo2Scale2ForHypercapnicPatients(int spo2, bool onOxygen, int points) =>
        Assert.Equal(points, Points(Normal with { Spo2 = spo2, Spo2Scale = 2, OnOxygen = onOxygen }, "spo2"));

    [Theory]
    [InlineData(false, 0)] [InlineData(true, 2)]
    public void AirOrOxygen(bool onOxygen, int points) => Assert.Equal(points, Points(Normal with { OnOxygen = onOxygen }, "airOrOxygen"));

    [Theory]
    [InlineData(90, 3)] [InlineData(91, 2)] [InlineData(100, 2)] [InlineData(101, 1)] [InlineData(110, 1)] [InlineData(111, 0)]
    [InlineData(219, 0)] [InlineData(220, 3)]
    public void SystolicBloodPressure(int systolic, int points) => Assert.Equal(points, Points(Normal with { SystolicBp = systolic }, "systolicBp"));

    [Theory]
    [InlineData(40, 3)] [InlineData(41, 1)] [InlineData(50, 1)] [InlineData(51, 0)] [InlineData(90, 0)] [InlineData(91, 1)]
    [InlineData(110, 1)] [InlineData(111, 2)] [InlineData(130, 2)] [InlineData(131, 3)]
    public void Pulse(int pulse, int points) => Assert.Equal(points, Points(Normal with { Pulse = pulse }, "pulse"));

    [Theory]
    [InlineData(Consciousness.A, 0)] [InlineData(Consciousness.C, 3)] [InlineData(Consciousness.V, 3)] [InlineData(Consciousness.P, 3)] [InlineData(Consciousness.U, 3)]
    public void ConsciousnessWithNewConfusionAsC(Consciousness level, int points) => Assert.Equal(points, Points(Normal with { Consciousness = level }, "consciousness"));

    [Theory]
    [InlineData("35.0", 3)] [InlineData("35.1", 1)] [InlineData("36.0", 1)] [InlineData("36.1", 0)] [InlineData("38.0", 0)]
    [InlineData("38.1", 1)] [InlineData("39.0", 1)] [InlineData("39.1", 2)]
    public void Temperature(string celsius, int points) => Assert.Equal(points, Points(Normal with { Temperature = decimal.Parse(celsius, System.Globalization.CultureInfo.InvariantCulture) }, "temperature"));

    [Fact]
    public void AThreeInASingleParameterIsLowMediumRisk()
    {
        var score = News2.Score(Normal with { Consciousness = Consciousness.C });

        Assert.Equal((3, News2RiskBand.LowMedium, 60), (score.Score, score.RiskBand, score.MonitoringIntervalMinutes));
    }

    [Theory]
    [InlineData(4, News2RiskBand.Low)]
    [InlineData(5, News2RiskBand.Medium)]
    [InlineData(6, News2RiskBand.Medium)]
    [InlineData(7, News2RiskBand.High)]
    public void TheTotalSetsTheRiskBand(int total, News2RiskBand band)
    {
        // Build the total from two-point and one-point parameters so no single parameter scores 3.
        var v = Normal;
        var parts = new Func<VitalSigns, VitalSigns>[]
        {
            x => x with { OnOxygen = true, Spo2 = 97 }, x => x with { RespiratoryRate = 22 }, x => x with { Pulse = 115 },
            x => x with { Temperature = 39.5m },
        };
        var remaining = total;
        foreach (var part in parts)
        {
            if (remaining >= 2)
            {
                v = part(v);
                remaining -= 2;
            }
        }

        if (remaining == 1)
        {
            v = v with { SystolicBp = 105 };
        }

        var score = News2.Score(v);
        Assert.Equal((total, band), (score.Score, score.RiskBand));
    }
}
