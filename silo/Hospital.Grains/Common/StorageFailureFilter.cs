using System.Data.Common;
using Hospital.Contracts.Errors;
using Microsoft.Extensions.Logging;

namespace Hospital.Grains.Common;

/// <summary>
/// A database driver's exception cannot be serialized back to the caller (another silo or the api): it would surface
/// as a codec error there. Turn it into <see cref="StorageUnavailableException"/>, logged here with its detail.
/// </summary>
public sealed class StorageFailureFilter(ILogger<StorageFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (DatabaseError(e) is { } database)
        {
            logger.LogError(e, "Storage failed during {Grain}.{Method}", context.TargetId, context.InterfaceMethod?.Name);
            throw new StorageUnavailableException($"The database did not complete the operation: {database.Message}");
        }
    }

    /// <summary>The database driver's exception in <paramref name="e"/> or its causes, if any.</summary>
    public static DbException? DatabaseError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DbException db)
            {
                return db;
            }
        }

        return null;
    }
}
