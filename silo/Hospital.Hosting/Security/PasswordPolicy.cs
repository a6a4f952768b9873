using System.Reflection;

namespace Hospital.Hosting.Security;

/// <summary>
/// The one password rule, for every password the platform accepts (users, the bootstrap admin, the demo users): 12 to
/// 200 characters and not one of the 10,000 most common passwords (the list ships in this folder, see its README).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 200;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    public static string? Problem(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "A password is required.";
        }

        if (password.Length is < MinLength or > MaxLength)
        {
            return $"The password must be {MinLength}-{MaxLength} characters.";
        }

        return Common.Value.Contains(password.Trim()) ? "The password is one of the most common passwords; choose another." : null;
    }

    public static int CommonCount => Common.Value.Count;

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Hospital.Hosting.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
