namespace Hospital.Api.Fhir;

/// <summary>
/// Ids of resources that live in a patient's chart: <c>{mrn}.{recordId}</c>, and for Observations
/// <c>{mrn}.{recordId}.{part}</c> (one vital sign of a set, or <c>lab</c>), so a read knows which chart to open.
/// Record ids and parts hold no dots; an MRN may.
/// </summary>
public sealed record ChartResourceId(string Mrn, string RecordId, string? Part = null)
{
    public override string ToString() => Part is null ? $"{Mrn}.{RecordId}" : $"{Mrn}.{RecordId}.{Part}";

    public static ChartResourceId? Parse(string id, bool withPart)
    {
        string? part = null;
        var end = id.Length;
        if (withPart)
        {
            end = id.LastIndexOf('.');
            if (end <= 0)
            {
                return null;
            }

            part = id[(end + 1)..];
        }

        var dot = id.LastIndexOf('.', end - 1);
        return dot > 0 && dot < end - 1 && Problems.Lookup.IsPlausibleId(id[..dot]) ? new ChartResourceId(id[..dot], id[(dot + 1)..end], part) : null;
    }
}
