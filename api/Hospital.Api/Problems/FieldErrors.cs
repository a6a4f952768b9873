namespace Hospital.Api.Problems;

/// <summary>Collects per-field messages for a validation ProblemDetails.</summary>
public sealed class FieldErrors
{
    public const int NameMaxLength = 200;
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    /// <summary>A required value: present, and for text not blank.</summary>
    public bool Required<T>(string field, T? value)
    {
        if (value is null || value is string s && string.IsNullOrWhiteSpace(s))
        {
            Add(field, $"The {field} field is required.");
            return false;
        }

        return true;
    }

    public FieldErrors RequiredText(string field, string? value, int maxLength = NameMaxLength)
    {
        if (Required(field, value))
        {
            MaxLength(field, value, maxLength);
        }

        return this;
    }

    public FieldErrors MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"The {field} field must be at most {maxLength} characters.");
        }

        return this;
    }

    public FieldErrors Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            Add(field, message);
        }

        return this;
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>400 validation problem when anything was collected, else null.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem? ToProblem() =>
        Any ? TypedResults.ValidationProblem(ToDictionary(), title: "Invalid request") : null;
}
