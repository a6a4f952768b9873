using Microsoft.Extensions.Options;

namespace Hospital.Api.Billing.Invoices;

/// <summary>Settings under <c>Hospital:Billing:Invoices</c>: what the invoice documents print in their header.</summary>
public sealed class InvoiceOptions
{
    public const string Section = "Hospital:Billing:Invoices";

    /// <summary>The name at the head of every invoice.</summary>
    public string HospitalName { get; set; } = "OrleansHospital";

    /// <summary>Address lines under the name (lines separated by <c>\n</c>); none by default.</summary>
    public string? Address { get; set; }

    /// <summary>A folder with the TrueType fonts for PDFs (DejaVu Sans or Liberation Sans, regular and bold); unset: the system's font folders.</summary>
    public string? FontDirectory { get; set; }

    public IReadOnlyList<string> AddressLines =>
        Address?.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
}

internal sealed class InvoiceOptionsValidation : IValidateOptions<InvoiceOptions>
{
    public ValidateOptionsResult Validate(string? name, InvoiceOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.HospitalName) || options.HospitalName.Length > 200)
        {
            failures.Add($"{InvoiceOptions.Section}:HospitalName must be 1 to 200 characters.");
        }

        if (options.Address is { Length: > 500 } || options.AddressLines.Count > 5)
        {
            failures.Add($"{InvoiceOptions.Section}:Address must be at most 5 lines and 500 characters.");
        }

        if (options.FontDirectory is { } directory && InvoiceFonts.Find([directory]) is null)
        {
            failures.Add($"{InvoiceOptions.Section}:FontDirectory '{directory}' holds no regular and bold TrueType font that invoices can use ({InvoiceFonts.Known}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
