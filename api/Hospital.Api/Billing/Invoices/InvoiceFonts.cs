using PdfSharp.Fonts;

namespace Hospital.Api.Billing.Invoices;

/// <summary>
/// The fonts of PDF invoices. PDFsharp's core build finds no fonts on Linux by itself, so this resolver reads a
/// regular and a bold TrueType face from the configured folder or the system's (Debian: <c>fonts-dejavu-core</c>);
/// no font file ships with the platform. PDFsharp's resolver is process-wide and set once.
/// </summary>
public sealed class InvoiceFonts : IFontResolver
{
    /// <summary>The family name the invoice layout asks for.</summary>
    public const string Family = "Invoice";

    private static readonly (string Regular, string Bold)[] Faces =
    [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
        ("arial.ttf", "arialbd.ttf"),
    ];

    private static readonly string[] SystemFolders =
        ["/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts", Environment.GetFolderPath(Environment.SpecialFolder.Fonts)];

    private static readonly Lock Installing = new();
    private static bool _installed;

    private readonly byte[] _regular;
    private readonly byte[] _bold;

    private InvoiceFonts(string regular, string bold)
    {
        _regular = File.ReadAllBytes(regular);
        _bold = File.ReadAllBytes(bold);
    }

    public static string Known => string.Join(", ", Faces.Select(f => f.Regular));

    /// <summary>Sets the resolver once per process, from <paramref name="directory"/> if given, else the system's folders.</summary>
    public static void Install(string? directory)
    {
        lock (Installing)
        {
            if (_installed)
            {
                return;
            }

            var found = Find(directory is null ? SystemFolders : [directory]) ?? throw new InvalidOperationException(
                $"No TrueType font for PDF invoices ({Known}): install fonts-dejavu-core or set {InvoiceOptions.Section}:FontDirectory.");
            GlobalFontSettings.FontResolver = new InvoiceFonts(found.Regular, found.Bold);
            _installed = true;
        }
    }

    /// <summary>The first regular and bold pair of a known face under the folders (searched with their subfolders).</summary>
    public static (string Regular, string Bold)? Find(IEnumerable<string> folders)
    {
        var files = folders.Where(f => !string.IsNullOrEmpty(f) && Directory.Exists(f))
            .SelectMany(f => Directory.EnumerateFiles(f, "*.ttf", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive }))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key!, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var (regular, bold) in Faces)
        {
            if (files.TryGetValue(regular, out var r) && files.TryGetValue(bold, out var b))
            {
                return (r, b);
            }
        }

        return null;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "invoice-bold" : "invoice-regular");

    public byte[]? GetFont(string faceName) => faceName == "invoice-bold" ? _bold : _regular;
}
