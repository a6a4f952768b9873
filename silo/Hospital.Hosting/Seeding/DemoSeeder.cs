using Hospital.Contracts.Admissions;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Census;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Security;
using Hospital.Contracts.Wards;
using Microsoft.Extensions.Logging;

namespace Hospital.Hosting.Seeding;

/// <summary>How big a demo hospital to build.</summary>
public sealed record SeedPlan(int Wards = 20, int BedsPerWard = 30, double Occupancy = 0.7, int Seed = 42, string? DemoPassword = null);

/// <summary>
/// Builds a living demo hospital through the grains: wards with sex policies, beds (some isolation-capable), patients
/// admitted to most beds, some beds dirty, cleaning or blocked, and patients waiting in the queues.
/// Seeding again completes whatever an interrupted run left (a crash, a database outage) and adds nothing twice: each
/// ward and bed is created only when missing, each bed's part is drawn from its own seed and played only while the bed
/// is as new (version 1, available), each queue is topped up to its drawn length, and the demo users are made last, so
/// their existence says the whole seed is done.
/// </summary>
public sealed class DemoSeeder(IGrainFactory grains, Security.SecretFiles secrets, ILogger<DemoSeeder> logger)
{
    /// <summary>Wards seeded at once: each activates its beds, so this bounds the database connections a seed asks for.</summary>
    public const int ParallelWards = 8;

    private static readonly string[] Given = ["Ann", "Ben", "Cara", "Dev", "Ema", "Finn", "Gia", "Hal", "Ines", "Jon", "Kai", "Lea", "Max", "Nia", "Omar", "Pia"];
    private static readonly string[] Family = ["Lee", "Patel", "Okafor", "Silva", "Novak", "Kim", "Haddad", "Jones", "Moreau", "Rossi", "Tanaka", "Berg"];

    public async Task<(int Wards, int Beds, int Admitted)> SeedAsync(SeedPlan plan, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var done = 0;
        var admitted = 0;
        var reporting = new Lock();
        var started = DateTime.UtcNow;
        var hospital = grains.GetGrain<IHospitalGrain>(0);
        var listed = (await hospital.GetWards()).Select(w => w.Id).ToHashSet();
        await SeedChargeMasterAsync(plan);
        await Parallel.ForEachAsync(Enumerable.Range(1, plan.Wards), new ParallelOptions { MaxDegreeOfParallelism = ParallelWards, CancellationToken = cancellationToken },
            async (w, token) =>
            {
                var wardId = WardId(w);
                var policy = (w % 10) switch { 3 => SexPolicy.Male, 7 => SexPolicy.Female, _ => SexPolicy.Mixed };
                var ward = grains.GetGrain<IWardGrain>(wardId);
                if (await ward.GetProfile() is { } profile)
                {
                    // A crash between the ward's own write and its registration leaves a ward the census does not list.
                    if (!listed.Contains(wardId))
                    {
                        await hospital.RegisterWard(profile);
                    }
                }
                else
                {
                    await ward.Create($"Ward {w:D2}", policy);
                }

                if ((await ward.GetProfile())!.Service is null)
                {
                    var (service, building, floor) = Location(w);
                    await ward.SetLocation(service, building, floor);
                }

                var existing = (await ward.GetBoard())!.Beds.Select(b => b.Id).ToHashSet();
                var beds = Enumerable.Range(1, plan.BedsPerWard)
                    .Select(b => new NewBed(BedId(w, b), $"{w}{b:D2}", b % 5 == 1))
                    .Where(b => !existing.Contains(b.Id)).ToList();
                if (beds.Count > 0)
                {
                    await ward.AddBeds(beds);
                }

                Interlocked.Add(ref admitted, await FillWard(ward, w, policy, plan, token));
                // Wards finish in parallel; the caller's progress callback is called one at a time.
                lock (reporting)
                {
                    progress?.Invoke($"Seeded ward {++done}/{plan.Wards} ({wardId}, {plan.BedsPerWard} beds)");
                }
            });

        await DemoUsersAsync(plan, progress);
        logger.LogInformation("Seeded {Wards} wards x {Beds} beds, {Admitted} admitted now, in {Seconds:F1} s",
            plan.Wards, plan.BedsPerWard, admitted, (DateTime.UtcNow - started).TotalSeconds);
        return (plan.Wards, plan.Wards * plan.BedsPerWard, admitted);
    }

    /// <summary>One user per role (bedmanager, chargenurse, nurse...), so every screen can be tried with its own permissions.</summary>
    /// <summary>The demo charge master (codes already priced are kept) and the bed-day codes of the first wards.</summary>
    private async Task SeedChargeMasterAsync(SeedPlan plan)
    {
        var master = grains.GetGrain<Hospital.Contracts.Billing.IChargeMasterGrain>(0);
        await master.Seed(Hospital.Grains.Billing.DemoChargeMaster.Items());
        string[] kinds = ["BED-DAY-ICU", "BED-DAY-HDU", "BED-DAY-SURGICAL", "BED-DAY-MATERNITY", "BED-DAY-PAEDIATRIC"];
        var rates = await master.WardRates();
        for (var w = 1; w <= Math.Min(plan.Wards, kinds.Length); w++)
        {
            if (!rates.ContainsKey(WardId(w)))
            {
                await master.SetWardRate(WardId(w), kinds[w - 1]);
            }
        }
    }

    private async Task DemoUsersAsync(SeedPlan plan, Action<string>? progress)
    {
        var generated = string.IsNullOrEmpty(plan.DemoPassword);
        var password = !generated ? plan.DemoPassword! : Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        if (Security.PasswordPolicy.Problem(password) is { } problem)
        {
            throw new ArgumentException(problem, nameof(plan));
        }

        var directory = grains.GetGrain<IUserDirectoryGrain>(0);
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<string>();
        var created = new List<string>();
        foreach (var role in Roles.All.Where(r => r != Roles.Admin))
        {
            var username = role.ToLowerInvariant();
            if (await directory.Find(username) is null)
            {
                await directory.Create(username, hasher.HashPassword(username, password), [role]);
                created.Add(username);
            }
        }

        if (created.Count > 0)
        {
            // A generated password goes to a file only the process owner can read, never to the log.
            var where = generated ? $"password in {secrets.WriteOnce("demo-password", password)}" : "password Hospital:Seed:DemoPassword";
            progress?.Invoke($"Demo users {string.Join(", ", created)} (one per role), {where}");
        }
    }

    /// <summary>True once a seed has run to its end: the demo users, made last, all exist.</summary>
    public async Task<bool> IsCompleteAsync()
    {
        var directory = grains.GetGrain<IUserDirectoryGrain>(0);
        foreach (var role in Roles.All.Where(r => r != Roles.Admin))
        {
            if (await directory.Find(role.ToLowerInvariant()) is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Plays each new bed's drawn part and tops the admission queue up to its drawn length; returns admissions made.</summary>
    private static readonly string[] Services = ["Medicine", "Surgery", "Elderly care", "Cardiology", "Orthopaedics", "Respiratory", "Paediatrics", "Maternity"];

    /// <summary>Where demo ward <paramref name="w"/> sits: services in turn, ten wards to a building, two to a floor.</summary>
    public static (string Service, string Building, string Floor) Location(int w) =>
        (Services[(w - 1) % Services.Length], $"Block {(char)('A' + (w - 1) / 10 % 26)}", $"{(w - 1) % 10 / 2 + 1}");

    private async Task<int> FillWard(IWardGrain ward, int w, SexPolicy policy, SeedPlan plan, CancellationToken cancellationToken)
    {
        var board = (await ward.GetBoard())!;
        var admitted = 0;
        // The seed's own beds only (W03-07 is bed 7 of ward 3), and only while nothing has happened to them.
        var planned = Enumerable.Range(1, plan.BedsPerWard).ToDictionary(b => BedId(w, b));
        foreach (var bed in board.Beds.Where(b => b is { Status: BedStatus.Available, Version: 1 } && planned.ContainsKey(b.Id)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var random = new Random(plan.Seed * 7919 + w * 1009 + planned[bed.Id]);
            var roll = random.NextDouble();
            var bedGrain = grains.GetGrain<IBedGrain>(bed.Id);
            if (roll < plan.Occupancy)
            {
                var mrn = await Register(random, policy);
                await grains.GetGrain<IPatientGrain>(mrn).Admit(new AdmitCommand(mrn, bed.Id, bed.IsolationCapable && random.NextDouble() < 0.3,
                    DateOnly.FromDateTime(DateTime.UtcNow.AddDays(random.Next(0, 7))), null));
                admitted++;
            }
            else if (roll < plan.Occupancy + 0.12)
            {
                // A bed turning over: its patient went home earlier today; some are being cleaned already.
                var mrn = await Register(random, policy);
                var stay = await grains.GetGrain<IPatientGrain>(mrn).Admit(new AdmitCommand(mrn, bed.Id, false, null, null));
                await grains.GetGrain<IEncounterGrain>(stay.EncounterId).Discharge();
                if (roll >= plan.Occupancy + 0.08)
                {
                    await bedGrain.SetStatus(BedStatus.Cleaning, null);
                }
            }
            else if (roll < plan.Occupancy + 0.15)
            {
                await bedGrain.SetStatus(BedStatus.Blocked, random.Next(2) == 0 ? "maintenance" : "staffing");
            }
        }

        var queue = new Random(plan.Seed * 7919 + w);
        for (var i = queue.Next(0, 3) - (await ward.GetPendingAdmissions()).Count; i > 0; i--)
        {
            var mrn = await Register(queue, policy);
            var patient = (await grains.GetGrain<IPatientGrain>(mrn).Get())!;
            await ward.RequestAdmission(mrn, patient.Initials, (Priority)queue.Next(3), false, null, "from ED");
        }

        return admitted;
    }

    private static string WardId(int ward) => $"W{ward:D2}";

    private static string BedId(int ward, int bed) => $"{WardId(ward)}-{bed:D2}";

    private async Task<string> Register(Random random, SexPolicy policy)
    {
        var sex = policy switch { SexPolicy.Male => Sex.Male, SexPolicy.Female => Sex.Female, _ => random.Next(2) == 0 ? Sex.Female : Sex.Male };
        var mrn = await grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        await grains.GetGrain<IPatientGrain>(mrn).Register(new Demographics(
            new PersonName(Given[random.Next(Given.Length)], Family[random.Next(Family.Length)]),
            new DateOnly(1930 + random.Next(90), 1 + random.Next(12), 1 + random.Next(28)), sex));
        return mrn;
    }
}
