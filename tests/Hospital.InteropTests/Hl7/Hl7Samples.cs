namespace Hospital.InteropTests.Hl7;

/// <summary>Messages shaped like those an EHR and a laboratory send; segments end in CR as on the wire.</summary>
internal static class Hl7Samples
{
    public static string Join(params string[] segments) => string.Join('\r', segments) + '\r';

    public const string Header = @"MSH|^~\&|EPIC|GENHOSP|ORLEANS|HOSPITAL|20250301143000+0100||ADT^A01^ADT_A01|MSG00001|P|2.5.1";

    public const string Patient = @"PID|1||123456^^^NHS^NH~H00000018^^^GENHOSP&1.2.840.114350&ISO^MR~987^^^LAB^PI||Smith&van&Smith^John^Q^^Mr~Smithy^Jack||19800215|M|||1 Main St^^Springfield^^12345||555-1234";

    public static readonly string AdmitA01 = Join(
        Header,
        "EVN|A01|20250301142955+0100||||20250301142500+0100",
        Patient,
        "PV1|1|I|4WEST^401^B^GENHOSP||||1234^Welby^Marcus|||MED|||||||||V000123^^^GENHOSP^VN|||||||||||||||||||||||||20250301142500+0100");

    public static readonly string TransferA02 = Join(
        @"MSH|^~\&|EPIC|GENHOSP|ORLEANS|HOSPITAL|20250302090000+0100||ADT^A02^ADT_A02|MSG00002|P|2.5.1",
        "EVN|A02|20250302090000+0100",
        Patient,
        "PV1|1|I|5EAST^512^A^GENHOSP|||4WEST^401^B^GENHOSP|||||||||||||V000123^^^GENHOSP^VN|||||||||||||||||||||||||20250301142500+0100");

    public static readonly string DischargeA03 = Join(
        @"MSH|^~\&|EPIC|GENHOSP|ORLEANS|HOSPITAL|20250305101600+0100||ADT^A03^ADT_A03|MSG00003|P|2.5",
        "EVN|A03|20250305101600+0100",
        Patient,
        "PV1|1|I|5EAST^512^A^GENHOSP||||||||||||||||V000123^^^GENHOSP^VN|||||||||||||||||01||||||||20250301142500+0100|20250305101500+0100");

    public static readonly string UpdateA08 = Join(
        @"MSH|^~\&|EPIC|GENHOSP|ORLEANS|HOSPITAL|20250303120000||ADT^A08^ADT_A01|MSG00004|T|2.4",
        "EVN|A08|20250303120000",
        "PID|1||H00000018^^^GENHOSP^MR||O'Brien^Mary Ann||19751231|F",
        "PV1|1|I|4WEST^401^B^GENHOSP||||||||||||||||V000123^^^GENHOSP^VN|||||||||||||||||||||||||20250301142500+0100|\"\"");

    public static readonly string MergeA40 = Join(
        @"MSH|^~\&|EPIC|GENHOSP|ORLEANS|HOSPITAL|20250304080000+0100||ADT^A40^ADT_A39|MSG00005|P|2.3.1",
        "EVN|A40|20250304080000+0100",
        "PID|1||H00000018^^^GENHOSP^MR||Smith^John||19800215|M",
        "MRG|H00000026^^^GENHOSP^MR~555^^^LAB^PI");

    public static readonly string ResultR01 = Join(
        @"MSH|^~\&|LAB|GENLAB|ORLEANS|HOSPITAL|20250302083000+0100||ORU^R01^ORU_R01|LAB7781|P|2.5.1|||||UNICODE UTF-8",
        "PID|1||H00000018^^^GENHOSP^MR||Smith^John||19800215|M",
        "OBR|1|ORD448811^ORLEANS|LAB99112^GENLAB|24323-8^Comprehensive metabolic panel^LN|||20250302081500+0100||||||||||||||||||F",
        "OBX|1|NM|2823-3^Potassium^LN||4.1|mmol/L^millimole per liter^UCUM|3.5-5.1|N|||F|||20250302081500+0100",
        "OBX|2|NM|2951-2^Sodium^LN||128|mmol/L|135-145|L|||F|||20250302081500+0100",
        "NTE|1||Haemolysed sample\\.br\\recollect if K \\T\\ Na disagree",
        "OBX|3|SN|2160-0^Creatinine^LN||<^1|mg/dL|<1.3|N|||F",
        "OBX|4|ST|8251-1^Service comment^LN||Sample taken 08:15 \\S\\ fasting||||||P",
        "OBR|2|ORD448812^ORLEANS|LAB99113^GENLAB|58410-2^CBC panel^LN|||20250302081500+0100||||||||||||||||||P",
        "OBX|1|NM|718-7^Hemoglobin^LN||13.2|g/dL|>12|N~A|||P");
}
