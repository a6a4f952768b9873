using System.Data.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Hospital.Hosting.Storage;

/// <summary>
/// A database driver's exception has no Orleans codec: thrown in a grain, it would reach the caller (another silo, the
/// api) as a codec error. Every way a grain reaches the database (grain state, the journal, the patient index) goes
/// through these wrappers, which turn a <see cref="DbException"/> into <see cref="StorageUnavailableException"/> and log
/// the detail here. The incoming call filter (<c>StorageFailureFilter</c>) does the same for calls, but an activation
/// (the state read, <c>OnActivateAsync</c>) fails before any call filter runs. Orleans wraps a grain storage failure in
/// an <c>OrleansException</c>; with this, its inner exception is one every process can read.
/// </summary>
public static partial class DatabaseErrors
{
    /// <summary>Wraps the keyed grain storage <paramref name="name"/> registered so far (whichever provider it is).</summary>
    public static void GuardGrainStorage(this IServiceCollection services, string name)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new GuardedGrainStorage(
            registered.KeyedImplementationFactory is { } factory ? (IGrainStorage)factory(sp, key)
                : registered.KeyedImplementationInstance as IGrainStorage ?? (IGrainStorage)ActivatorUtilities.CreateInstance(sp, registered.KeyedImplementationType!),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseErrors))));
    }

    public static async Task<T> Guard<T>(ILogger logger, string operation, Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (Database(e) is { } database)
        {
            throw Unavailable(logger, operation, e, database);
        }
    }

    public static async Task Guard(ILogger logger, string operation, Func<Task> run)
    {
        try
        {
            await run();
        }
        catch (Exception e) when (Database(e) is { } database)
        {
            throw Unavailable(logger, operation, e, database);
        }
    }

    private static StorageUnavailableException Unavailable(ILogger logger, string operation, Exception e, DbException database)
    {
        StorageFailed(logger, e, operation);
        return new StorageUnavailableException($"The database did not complete the operation: {database.Message}");
    }

    private static DbException? Database(Exception? e) => Hospital.Grains.Common.StorageFailureFilter.DatabaseError(e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage failed during {Operation}")]
    private static partial void StorageFailed(ILogger logger, Exception exception, string operation);

    private sealed class GuardedGrainStorage(IGrainStorage inner, ILogger logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            Guard(logger, $"state read of {grainId}", () => inner.ReadStateAsync(stateName, grainId, grainState));

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            Guard(logger, $"state write of {grainId}", () => inner.WriteStateAsync(stateName, grainId, grainState));

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            Guard(logger, $"state clear of {grainId}", () => inner.ClearStateAsync(stateName, grainId, grainState));

        // Orleans' ADO.NET storage initializes itself in the silo lifecycle.
        public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
    }
}

/// <summary>The journal, with database errors as <see cref="StorageUnavailableException"/> (see <see cref="DatabaseErrors"/>).</summary>
internal sealed class GuardedJournal(IJournal inner, ILogger<GuardedJournal> logger) : IJournal
{
    public Task<long> AppendAsync(JournalAppend entry, CancellationToken cancellationToken = default) =>
        DatabaseErrors.Guard(logger, "journal append", () => inner.AppendAsync(entry, cancellationToken));

    public Task<IReadOnlyList<long>> AppendBatchAsync(IReadOnlyList<JournalAppend> entries, CancellationToken cancellationToken = default) =>
        DatabaseErrors.Guard(logger, "journal append", () => inner.AppendBatchAsync(entries, cancellationToken));

    public Task<IReadOnlyList<JournalEntry>> QueryAsync(JournalQuery query, CancellationToken cancellationToken = default) =>
        DatabaseErrors.Guard(logger, "journal query", () => inner.QueryAsync(query, cancellationToken));
}

/// <summary>The patient index, with database errors as <see cref="StorageUnavailableException"/> (see <see cref="DatabaseErrors"/>).</summary>
internal sealed class GuardedPatientIndex(IPatientIndex inner, ILogger<GuardedPatientIndex> logger) : IPatientIndex
{
    public Task UpsertAsync(Patient patient, CancellationToken cancellationToken = default) =>
        DatabaseErrors.Guard(logger, "patient index update", () => inner.UpsertAsync(patient, cancellationToken));

    public Task<IReadOnlyList<PatientSummary>> SearchAsync(string? name, DateOnly? birthDate, string? mrn, int limit, CancellationToken cancellationToken = default) =>
        DatabaseErrors.Guard(logger, "patient search", () => inner.SearchAsync(name, birthDate, mrn, limit, cancellationToken));
}
