namespace Hospital.Storage;

/// <summary>The project's own database, whichever engine holds it.</summary>
public interface IHospitalStore
{
    /// <summary>Brings the schema up to date; returns the scripts applied now (none when already current).</summary>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>Throws when the database does not answer.</summary>
    Task PingAsync(CancellationToken cancellationToken = default);
}
