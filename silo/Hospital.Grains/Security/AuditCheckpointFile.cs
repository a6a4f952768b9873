using System.Text.Json;
using Hospital.Contracts.Security;

namespace Hospital.Grains.Security;

/// <summary>Settings under <c>Hospital:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Hospital:Audit";

    /// <summary>Where signed checkpoints of the chain's head are appended (outside the database); default in the key directory.</summary>
    public string? CheckpointFile { get; set; }

    /// <summary>The most often a checkpoint is published: entries written since the last one could be cut off unseen.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The checkpoint file: one JSON line per checkpoint, appended. Past <see cref="MaxBytes"/> it keeps its newest
/// <see cref="KeptOnTrim"/> lines (a newer checkpoint covers everything an older one does).
/// </summary>
public sealed class AuditCheckpointFile(string path)
{
    public const long MaxBytes = 8 * 1024 * 1024;
    public const int KeptOnTrim = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _lock = new();

    public string Path => path;

    public void Append(AuditCheckpoint checkpoint)
    {
        lock (_lock)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            File.AppendAllText(path, JsonSerializer.Serialize(checkpoint, Json) + "\n");
            if (new FileInfo(path).Length > MaxBytes)
            {
                var kept = File.ReadLines(path).TakeLast(KeptOnTrim).ToList();
                File.WriteAllLines(path + ".tmp", kept);
                File.Move(path + ".tmp", path, overwrite: true);
            }
        }
    }

    /// <summary>Every checkpoint in the file; a line that does not parse is returned as null (the file was altered).</summary>
    public IReadOnlyList<AuditCheckpoint?> ReadAll()
    {
        lock (_lock)
        {
            try
            {
                return File.Exists(path) ? File.ReadLines(path).Where(l => l.Length > 0).Select(Parse).ToList() : [];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Unreadable: verify checks against the checkpoints it is given and the recorded head only.
                return [];
            }
        }
    }

    private static AuditCheckpoint? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditCheckpoint>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
