namespace Hospital.Storage.Migrations;

/// <summary>A versioned schema script, named <c>NNNN_what.sql</c> and applied once in name order.</summary>
public sealed record MigrationScript(string Name, string Sql);

public static class MigrationScripts
{
    /// <summary>The embedded scripts of one engine ("Postgres" or "Sqlite"), in the order they apply.</summary>
    public static IReadOnlyList<MigrationScript> For(string engine)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var prefix = engine + ".";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new MigrationScript(n[prefix.Length..^4], reader.ReadToEnd());
            })
            .ToList();
    }
}
