using System.Text.RegularExpressions;
using Hospital.Contracts.Admissions;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Patients;
using Hospital.Interop.Hl7;

namespace Hospital.Grains.Interop;

/// <summary>
/// What each ADT and ORU event does (README, "HL7 v2"). Every event first checks all it can (patient, beds, statuses,
/// fields) and refuses with an <see cref="Hl7Refusal"/> before it changes anything; then it applies through the same
/// grain workflows as the REST API, so the integrity rules are the same ones.
/// </summary>
internal sealed partial class Hl7Feed(IGrainFactory grains, DateTimeOffset now)
{
    private DateOnly Today => DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>Applies the message; returns the MRN it was about, if any.</summary>
    public Task<string?> Apply(Hl7Message message, Hl7Header header) => (header.MessageType.Code, header.MessageType.Trigger) switch
    {
        ("ADT", "A01") => Admit(message, header),
        ("ADT", "A02") => Transfer(message),
        ("ADT", "A03") => Discharge(message),
        ("ADT", "A04" or "A05" or "A08" or "A28" or "A31") => UpdatePerson(message, header),
        ("ADT", "A11") => CancelAdmission(message),
        ("ADT", "A12") => CancelTransfer(message),
        ("ADT", "A13") => CancelDischarge(message),
        ("ADT", "A17") => Swap(message),
        ("ADT", "A20") => BedStatusUpdate(message),
        ("ADT", "A40") => Merge(message, header),
        ("ORU", "R01") => Results(message),
        ("ADT" or "ORU", _) => throw new Hl7Refusal(Hl7ErrorCode.UnsupportedEventCode,
            $"Event {header.MessageType} is not handled.", new Hl7ErrorLocation("MSH", 1, 9, Component: 2), Hl7AckCode.AR),
        _ => throw new Hl7Refusal(Hl7ErrorCode.UnsupportedMessageType,
            $"Message type '{header.MessageType.Code}' is not handled (ADT and ORU are).", new Hl7ErrorLocation("MSH", 1, 9), Hl7AckCode.AR),
    };

    private IPatientGrain Patient(string mrn) => grains.GetGrain<IPatientGrain>(mrn);

    private IBedGrain Bed(string id) => grains.GetGrain<IBedGrain>(id);

    private IEncounterGrain Encounter(string id) => grains.GetGrain<IEncounterGrain>(id);

    private static Hl7Segment Segment(Hl7Message message, string id, int sequence = 1) =>
        message.All(id).Skip(sequence - 1).FirstOrDefault()
        ?? throw new Hl7Refusal(Hl7ErrorCode.SegmentSequenceError, sequence == 1
            ? $"The message has no {id} segment."
            : $"The message needs {sequence} {id} segments.", new Hl7ErrorLocation(id, sequence));

    /// <summary>EVN-6, else EVN-2, else MSH-7 (no offset: UTC); the time demographics are last-writer-wins on.</summary>
    private DateTimeOffset EventTime(Hl7Message message, Hl7Header header) =>
        Hl7Event.From(message)?.EffectiveAt ?? header.CreatedAt ?? now;

    private async Task<(string Mrn, Patient Patient)> Registered(Hl7Segment pid, TimeSpan offset)
    {
        var mrn = Hl7Person.Mrn(pid, offset);
        return await Patient(mrn).Get() is { } patient
            ? (mrn, patient)
            : throw new Hl7Refusal(Hl7ErrorCode.UnknownKeyIdentifier, $"No patient has MRN '{mrn}'.", pid.Location(3));
    }

    private async Task<Encounter> Admitted(Patient patient, Hl7Segment pid) =>
        await CurrentEncounter(patient)
        ?? throw new Hl7Refusal(Hl7ErrorCode.UnknownKeyIdentifier, $"Patient '{patient.Mrn}' is not admitted.", pid.Location(3));

    private async Task<Encounter?> CurrentEncounter(Patient? patient) =>
        patient?.CurrentEncounterId is { } id && await Encounter(id).Get() is { Status: EncounterStatus.InProgress } encounter ? encounter : null;

    private async Task<Bed> ExistingBed(string bedId, Hl7ErrorLocation where) =>
        await Bed(bedId).Get() ?? throw new Hl7Refusal(Hl7ErrorCode.UnknownKeyIdentifier, $"{where} names bed '{bedId}', which does not exist.", where);

    /// <summary>
    /// Asks the bed, changing nothing, whether the step could take it now, by the rule the step itself applies there
    /// (<see cref="IBedGrain.CheckOccupy"/>, <see cref="IBedGrain.CheckReoccupy"/>); a no is refused at <paramref name="where"/>.
    /// </summary>
    private async Task BedAllows(string bedId, Hl7ErrorLocation where, Func<IBedGrain, Task> check)
    {
        await ExistingBed(bedId, where);
        try
        {
            await check(Bed(bedId));
        }
        catch (HospitalException refused)
        {
            throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError, refused.Message, where);
        }
    }

    private async Task<string?> Admit(Hl7Message message, Hl7Header header)
    {
        var pid = Segment(message, "PID");
        var pv1 = Segment(message, "PV1");
        var mrn = Hl7Person.Mrn(pid, message.DefaultOffset);
        var patient = await Patient(mrn).Get();
        var demographics = Hl7Person.Demographics(pid, message.DefaultOffset, patient, Today);
        var bedId = Hl7Person.BedId(Hl7PatientVisit.Read(pv1, message.DefaultOffset).AssignedLocation, pv1.Location(3), required: true)!;
        if (await CurrentEncounter(patient) is { } current)
        {
            throw new Hl7Refusal(Hl7ErrorCode.DuplicateKeyIdentifier,
                $"Patient '{mrn}' is already admitted (encounter '{current.EncounterId}', bed '{current.BedId}').", pid.Location(3));
        }

        await BedAllows(bedId, pv1.Location(3), bed => bed.CheckOccupy(new Occupancy(mrn, "", patient?.Initials ?? "", demographics.Sex, false, null)));
        await Patient(mrn).ApplyFeedDemographics(demographics, EventTime(message, header));
        await Patient(mrn).Admit(new AdmitCommand(mrn, bedId, false, null, null));
        return mrn;
    }

    private async Task<string?> Transfer(Hl7Message message)
    {
        var pid = Segment(message, "PID");
        var pv1 = Segment(message, "PV1");
        var (mrn, patient) = await Registered(pid, message.DefaultOffset);
        var encounter = await Admitted(patient, pid);
        var bedId = Hl7Person.BedId(Hl7PatientVisit.Read(pv1, message.DefaultOffset).AssignedLocation, pv1.Location(3), required: true)!;
        if (bedId == encounter.BedId)
        {
            throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError, $"Patient '{mrn}' is already in bed '{bedId}'.", pv1.Location(3));
        }

        await BedAllows(bedId, pv1.Location(3), bed => bed.CheckOccupy(new Occupancy(mrn, encounter.EncounterId, patient.Initials, patient.Sex,
            encounter.IsolationRequired, encounter.ExpectedDischarge)));
        await Encounter(encounter.EncounterId).Transfer(bedId);
        return mrn;
    }

    private async Task<string?> Discharge(Hl7Message message)
    {
        var pid = Segment(message, "PID");
        var (mrn, patient) = await Registered(pid, message.DefaultOffset);
        await Encounter((await Admitted(patient, pid)).EncounterId).Discharge();
        return mrn;
    }

    private async Task<string?> CancelAdmission(Hl7Message message)
    {
        var pid = Segment(message, "PID");
        var (mrn, patient) = await Registered(pid, message.DefaultOffset);
        await Encounter((await Admitted(patient, pid)).EncounterId).CancelAdmission();
        return mrn;
    }

    private async Task<string?> CancelTransfer(Hl7Message message)
    {
        var pid = Segment(message, "PID");
        var (mrn, patient) = await Registered(pid, message.DefaultOffset);
        var encounter = await Admitted(patient, pid);
        if (encounter.Locations.Count < 2)
        {
            throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError, $"Patient '{mrn}' has not been transferred; there is no transfer to cancel.", pid.Location(3));
        }

        var previous = encounter.Locations[^2].BedId;
        if (message["PV1"] is { } pv1
            && Hl7Person.BedId(Hl7PatientVisit.Read(pv1, message.DefaultOffset).AssignedLocation, pv1.Location(3), required: false) is { } named
            && named != previous)
        {
            throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError,
                $"{pv1.Location(3)} names bed '{named}', but the patient was in bed '{previous}' before the transfer.", pv1.Location(3));
        }

        await BedAllows(previous, new Hl7ErrorLocation("PV1", 1, 3), bed => bed.CheckReoccupy(new Occupancy(mrn, encounter.EncounterId,
            patient.Initials, patient.Sex, encounter.IsolationRequired, encounter.ExpectedDischarge)));

        await Encounter(encounter.EncounterId).CancelTransfer();
        return mrn;
    }

    private async Task<string?> CancelDischarge(Hl7Message message)
    {
        var pid = Segment(message, "PID");
        var (mrn, patient) = await Registered(pid, message.DefaultOffset);
        if (await CurrentEncounter(patient) is { } current)
        {
            throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError,
                $"Patient '{mrn}' is admitted (encounter '{current.EncounterId}'); there is no discharge to cancel.", pid.Location(3));
        }

        var last = await Patient(mrn).LastEncounterId() is { } lastId ? await Encounter(lastId).Get() : null;
        if (last is not { Status: EncounterStatus.Finished })
        {
            throw new Hl7Refusal(Hl7ErrorCode.UnknownKeyIdentifier, $"Patient '{mrn}' has no discharge to cancel.", pid.Location(3));
        }

        var where = new Hl7ErrorLocation("PV1", 1, 3);
        var bedId = message["PV1"] is { } pv1
            ? Hl7Person.BedId(Hl7PatientVisit.Read(pv1, message.DefaultOffset).AssignedLocation, where, required: false) ?? last.BedId
            : last.BedId;
        await BedAllows(bedId, where, bed => bed.CheckReoccupy(new Occupancy(mrn, last.EncounterId, patient.Initials, patient.Sex,
            last.IsolationRequired, last.ExpectedDischarge)));
        await Encounter(last.EncounterId).CancelDischarge(bedId);
        return mrn;
    }

    private async Task<string?> Swap(Hl7Message message)
    {
        var (firstPid, secondPid) = (Segment(message, "PID"), Segment(message, "PID", 2));
        var (firstPv1, secondPv1) = (Segment(message, "PV1"), Segment(message, "PV1", 2));
        var (firstMrn, first) = await Registered(firstPid, message.DefaultOffset);
        var (secondMrn, second) = await Registered(secondPid, message.DefaultOffset);
        if (firstMrn == secondMrn)
        {
            throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError, "A swap needs two different patients.", secondPid.Location(3));
        }

        var firstStay = await Admitted(first, firstPid);
        var secondStay = await Admitted(second, secondPid);
        foreach (var (pv1, expected) in new[] { (firstPv1, secondStay.BedId), (secondPv1, firstStay.BedId) })
        {
            var named = Hl7Person.BedId(Hl7PatientVisit.Read(pv1, message.DefaultOffset).AssignedLocation, pv1.Location(3), required: true);
            if (named != expected)
            {
                throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError,
                    $"{pv1.Location(3)} names bed '{named}', but the other patient of the swap is in bed '{expected}'.", pv1.Location(3));
            }
        }

        await Encounter(firstStay.EncounterId).SwapWith(secondStay.EncounterId);
        return firstMrn;
    }

    private async Task<string?> BedStatusUpdate(Hl7Message message)
    {
        var npu = Segment(message, "NPU");
        var bedId = Hl7Person.BedId(Hl7PersonLocation.Read(npu.Field(1).Repetition(1)), npu.Location(1), required: true)!;
        var bed = await ExistingBed(bedId, npu.Location(1));
        var code = npu.Value(2).Trim().ToUpperInvariant();
        (BedStatus Status, string? Reason) wanted = code switch
        {
            "U" => (BedStatus.Available, null),
            "H" => (BedStatus.Dirty, null),
            "C" => (BedStatus.Blocked, "closed"),
            "I" => (BedStatus.Blocked, "isolated"),
            "K" => (BedStatus.Blocked, "contaminated"),
            "O" => (BedStatus.Occupied, null),
            _ => throw new Hl7Refusal(Hl7ErrorCode.TableValueNotFound,
                $"{npu.Location(2)} '{code}' is not a bed status of table 0116 (U, H, C, I, K, O).", npu.Location(2)),
        };
        if (bed.Status == BedStatus.Occupied || wanted.Status == BedStatus.Occupied)
        {
            return bed.Status == wanted.Status
                ? null
                : throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError, bed.Status == BedStatus.Occupied
                    ? $"Bed '{bedId}' is Occupied; A20 never changes an occupied bed (discharge or transfer the patient)."
                    : $"Bed '{bedId}' is {bed.Status}; only an admission makes a bed Occupied.", npu.Location(2));
        }

        if (bed.Status == wanted.Status && (wanted.Status != BedStatus.Blocked || bed.Reason == wanted.Reason))
        {
            return null;
        }

        if (bed.Status != wanted.Status && !BedTransitions.IsAllowed(bed.Status, wanted.Status))
        {
            throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError, $"Bed '{bedId}' is {bed.Status}; it cannot become {wanted.Status} " +
                $"(allowed: {string.Join(", ", BedTransitions.From(bed.Status))}).", npu.Location(2));
        }

        await Bed(bedId).SetStatus(wanted.Status, wanted.Reason);
        return null;
    }

    private async Task<string?> UpdatePerson(Hl7Message message, Hl7Header header)
    {
        var pid = Segment(message, "PID");
        var mrn = Hl7Person.Mrn(pid, message.DefaultOffset);
        var patient = await Patient(mrn).Get();
        var demographics = Hl7Person.Demographics(pid, message.DefaultOffset, patient, Today);
        await Patient(mrn).ApplyFeedDemographics(demographics, EventTime(message, header));
        return mrn;
    }

    private async Task<string?> Merge(Hl7Message message, Hl7Header header)
    {
        var pid = Segment(message, "PID");
        var mrg = Segment(message, "MRG");
        var mrn = Hl7Person.Mrn(pid, message.DefaultOffset);
        var priorMrn = Hl7Merge.Read(mrg).PriorMedicalRecordNumber?.Id
            ?? throw new Hl7Refusal(Hl7ErrorCode.RequiredFieldMissing, $"{mrg.Location(1)} has no identifier with type code MR.", mrg.Location(1));
        if (priorMrn == mrn)
        {
            throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError, $"A patient cannot be merged into themselves ('{mrn}').", mrg.Location(1));
        }

        var prior = await Patient(priorMrn).Get()
            ?? throw new Hl7Refusal(Hl7ErrorCode.UnknownKeyIdentifier, $"No patient has MRN '{priorMrn}' (MRG-1).", mrg.Location(1));
        if (prior.MergedInto is { } mergedInto)
        {
            return mergedInto == mrn
                ? mrn
                : throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError, $"Patient '{priorMrn}' was merged into '{mergedInto}' already.", mrg.Location(1));
        }

        var survivor = await Patient(mrn).Get();
        var demographics = Hl7Person.Demographics(pid, message.DefaultOffset, survivor, Today);
        var stay = await CurrentEncounter(prior);
        if (stay is not null && await CurrentEncounter(survivor) is { } other)
        {
            throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError,
                $"Both patients are admitted ('{priorMrn}' in bed '{stay.BedId}', '{mrn}' in bed '{other.BedId}'); discharge one first.", mrg.Location(1));
        }

        var merged = await Patient(mrn).ApplyFeedDemographics(demographics, EventTime(message, header));
        if (stay is not null)
        {
            await Encounter(stay.EncounterId).ChangePatient(merged);
        }

        await Patient(priorMrn).MarkMerged(mrn);
        return mrn;
    }

    private async Task<string?> Results(Hl7Message message)
    {
        var pid = Segment(message, "PID");
        var (mrn, _) = await Registered(pid, message.DefaultOffset);
        var groups = Hl7ResultGroup.AllFrom(message);
        if (groups.Sum(g => g.Observations.Count) == 0)
        {
            throw new Hl7Refusal(Hl7ErrorCode.SegmentSequenceError, "The message has no OBR with an OBX result.", new Hl7ErrorLocation("OBX", 1));
        }

        var chart = grains.GetGrain<IChartGrain>(mrn);
        var orders = await chart.GetLabOrders();
        var results = new List<LabResult>();
        var obxSequence = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            var request = groups[g].Request;
            var order = orders.FirstOrDefault(o => o.Id == request.PlacerOrderNumber) ?? orders.FirstOrDefault(o => o.Id == request.FillerOrderNumber);
            if (order is { Status: LabOrderStatus.Cancelled })
            {
                throw new Hl7Refusal(Hl7ErrorCode.ApplicationInternalError, $"Lab order '{order.Id}' was cancelled; it takes no results.",
                    new Hl7ErrorLocation("OBR", g + 1, 2));
            }

            foreach (var obx in groups[g].Observations)
            {
                obxSequence++;
                results.Add(Result(obx, obxSequence, request, order?.Id));
            }
        }

        foreach (var result in results)
        {
            await chart.RecordLab(result);
        }

        return mrn;
    }

    private LabResult Result(Hl7Observation obx, int sequence, Hl7ObservationRequest request, string? orderId)
    {
        Hl7ErrorLocation At(int field) => new("OBX", sequence, field);
        if (obx.ValueType != Hl7Observation.NumericType)
        {
            throw new Hl7Refusal(Hl7ErrorCode.DataTypeError, $"OBX[{sequence}]-2 '{obx.ValueType}': only numeric results (NM) are taken.", At(2));
        }

        var value = obx.NumericValue ?? throw new Hl7Refusal(Hl7ErrorCode.RequiredFieldMissing, $"OBX[{sequence}]-5 (the value) is empty.", At(5));
        var code = obx.Identifier;
        if (!Loinc().IsMatch(code.Code) || (code.System.Length > 0 && !code.IsLoinc))
        {
            throw new Hl7Refusal(Hl7ErrorCode.TableValueNotFound, $"OBX[{sequence}]-3 '{code.Code}^^{code.System}' must be a LOINC code (system LN).", At(3));
        }

        var unit = obx.Units.Trim();
        if (unit.Length is 0 or > 50)
        {
            throw new Hl7Refusal(unit.Length == 0 ? Hl7ErrorCode.RequiredFieldMissing : Hl7ErrorCode.DataTypeError,
                $"OBX[{sequence}]-6 (units) must be 1 to 50 characters.", At(6));
        }

        var collectedAt = obx.ObservedAt ?? request.ObservedAt ?? now;
        if (collectedAt > now.AddMinutes(5) || collectedAt < now.AddDays(-365))
        {
            throw new Hl7Refusal(Hl7ErrorCode.DataTypeError, $"OBX[{sequence}]-14 '{collectedAt:O}' must lie within the last 365 days.", At(14));
        }

        var range = obx.ReferenceRange;
        var name = code.Text.Trim().Length is > 0 and <= 200 ? code.Text.Trim() : code.Code;
        // Named by the message and its place in it: a resumed attempt records the same result, once.
        var id = Operation.NewId("LAB-", $"obx:{sequence}");
        return new LabResult(id, "", code.Code, name, value, unit, range?.Low, range?.High, null, null,
            ReportedFlag(obx.AbnormalFlags, value, range), collectedAt, now, "", orderId);
    }

    /// <summary>OBX-8 as the chart's flags: HH/LL critical (AA: beyond the range's side), H/L abnormal.</summary>
    private static string ReportedFlag(IReadOnlyList<string> flags, decimal value, Hl7ReferenceRange? range)
    {
        var codes = flags.Select(f => f.Trim().ToUpperInvariant()).ToList();
        return codes switch
        {
            _ when codes.Contains("HH") => "HH",
            _ when codes.Contains("LL") => "LL",
            _ when codes.Contains("AA") => range?.Low is { } low && value < low ? "LL" : "HH",
            _ when codes.Contains("H") => "H",
            _ when codes.Contains("L") => "L",
            _ => "",
        };
    }

    [GeneratedRegex("^[0-9]{1,7}-[0-9]$")]
    private static partial Regex Loinc();
}
