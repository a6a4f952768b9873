namespace Hospital.Hosting.Security;

/// <summary>
/// Secrets the platform makes itself (a generated bootstrap or demo password) go to a file in the key directory that
/// only the process owner can read, written once; they are never logged, so they do not leave the machine with the
/// logs or OTLP export.
/// </summary>
public sealed class SecretFiles(string directory)
{
    public string Directory => directory;

    /// <summary>Writes the secret unless the file exists already; returns the file's path.</summary>
    public string WriteOnce(string name, string secret)
    {
        OwnerOnly.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        OwnerOnly.WriteNew(path, secret + "\n");
        return path;
    }
}
