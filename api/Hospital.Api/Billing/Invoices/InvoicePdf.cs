using Hospital.Contracts.Billing;
using Hospital.Grains.Medications;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Hospital.Api.Billing.Invoices;

/// <summary>
/// An invoice as an A4 PDF: the hospital and the patient on the first page, the lines in a table that continues over
/// as many pages as it needs (its head repeated on each), the totals and payments after the last line, and on every
/// page "Page i of n".
/// </summary>
public sealed class InvoicePdf(IOptions<InvoiceOptions> options, IOptions<HospitalZoneOptions> zone)
{
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Margin = 42;
    private const double Bottom = PageHeight - 60;
    private const double Row = 13;
    private const double Right = PageWidth - Margin;

    /// <summary>The table's columns: heading, left edge, width, right-aligned.</summary>
    private static readonly (string Heading, double X, double Width, bool AlignRight)[] Columns =
    [
        ("#", Margin, 24, true),
        ("Date", 72, 58, false),
        ("Code", 132, 78, false),
        ("Description", 212, 168, false),
        ("Qty", 382, 38, true),
        ("Unit price", 422, 62, true),
        ("Amount", 486, Right - 486, true),
    ];

    public byte[] Render(Invoice invoice)
    {
        InvoiceFonts.Install(options.Value.FontDirectory);
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {invoice.Number}";
        document.Info.Author = options.Value.HospitalName;
        var pages = new Pages(document, invoice, options.Value.HospitalName);
        Head(pages, invoice);
        Lines(pages, invoice);
        Totals(pages, invoice);
        pages.Finish();
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    private void Head(Pages pages, Invoice invoice)
    {
        var hospital = options.Value;
        pages.Text(hospital.HospitalName, Margin, Fonts.Name);
        pages.Text("INVOICE", Right, Fonts.Title, alignRight: true);
        pages.Down(26);
        foreach (var line in hospital.AddressLines)
        {
            pages.Text(line, Margin, Fonts.Regular);
            pages.Down(Row);
        }

        pages.Text($"Number {invoice.Number}", Right, Fonts.Bold, alignRight: true);
        pages.Down(Row);
        pages.Text($"Issued {InvoiceText.Day(invoice.IssuedAt, zone.Value.Zone)}", Right, Fonts.Regular, alignRight: true);
        pages.Down(Row * 2);
        pages.Text("Bill to", Margin, Fonts.Bold);
        pages.Down(Row);
        foreach (var fact in new[]
        {
            InvoiceText.PatientName(invoice),
            $"Date of birth {InvoiceText.Day(invoice.Patient.BirthDate)}",
            $"MRN {invoice.Mrn}",
            $"Admission {invoice.EncounterId}",
            $"Payer {invoice.PayerId ?? "self-pay"}",
        })
        {
            pages.Text(fact, Margin, Fonts.Regular, width: Right - Margin);
            pages.Down(Row);
        }

        pages.Down(Row);
    }

    private void Lines(Pages pages, Invoice invoice)
    {
        var numbers = InvoiceText.Numbers(invoice);
        pages.TableHead = () => TableHead(pages, invoice.Currency);
        pages.TableHead();
        foreach (var line in invoice.Lines)
        {
            pages.Need(Row);
            string[] cells =
            [
                line.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), InvoiceText.Day(line.ServiceAt, zone.Value.Zone), line.Code,
                InvoiceText.Describe(line, numbers), InvoiceText.Quantity(line.Quantity), InvoiceText.Amount(line.UnitPrice), InvoiceText.Amount(line.Amount),
            ];
            for (var i = 0; i < Columns.Length; i++)
            {
                var (_, x, width, alignRight) = Columns[i];
                pages.Text(cells[i], alignRight ? x + width : x, Fonts.Regular, alignRight, width - 4);
            }

            pages.Down(Row);
        }

        pages.TableHead = null;
        pages.Rule();
    }

    private static void TableHead(Pages pages, string currency)
    {
        foreach (var (heading, x, width, alignRight) in Columns)
        {
            pages.Text(heading == "Amount" ? $"Amount ({currency})" : heading, alignRight ? x + width : x, Fonts.Bold, alignRight, width);
        }

        pages.Down(Row);
        pages.Rule();
    }

    private void Totals(Pages pages, Invoice invoice)
    {
        // The totals and payments stay together, on the last line's page when they fit there.
        var totals = InvoiceText.Totals(invoice);
        pages.Need(Row * (totals.Count + invoice.Payments.Count + 3));
        pages.Down(6);
        foreach (var (label, amount, strong) in totals.Take(3))
        {
            Total(pages, label, amount, strong);
        }

        if (invoice.Payments.Count > 0)
        {
            pages.Down(6);
            pages.Text("Payments", Columns[3].X, Fonts.Bold);
            pages.Down(Row);
            foreach (var payment in invoice.Payments)
            {
                pages.Text(InvoiceText.Day(payment.ReceivedAt, zone.Value.Zone), Columns[1].X, Fonts.Regular);
                pages.Text(InvoiceText.Payment(payment), Columns[3].X, Fonts.Regular, width: Columns[5].X + Columns[5].Width - Columns[3].X);
                pages.Text(InvoiceText.Amount(payment.Amount), Right, Fonts.Regular, alignRight: true);
                pages.Down(Row);
            }
        }

        pages.Down(6);
        foreach (var (label, amount, strong) in totals.Skip(3))
        {
            Total(pages, label, amount, strong);
        }
    }

    private static void Total(Pages pages, string label, decimal amount, bool strong)
    {
        var font = strong ? Fonts.Bold : Fonts.Regular;
        pages.Text(label, Columns[5].X + Columns[5].Width, font, alignRight: true);
        pages.Text(InvoiceText.Amount(amount), Right, font, alignRight: true);
        pages.Down(Row);
    }

    private static class Fonts
    {
        // Made on first use, after the resolver is installed.
        static Fonts()
        {
        }

        public static readonly XFont Regular = new(InvoiceFonts.Family, 8.5, XFontStyleEx.Regular);
        public static readonly XFont Bold = new(InvoiceFonts.Family, 8.5, XFontStyleEx.Bold);
        public static readonly XFont Name = new(InvoiceFonts.Family, 14, XFontStyleEx.Bold);
        public static readonly XFont Title = new(InvoiceFonts.Family, 18, XFontStyleEx.Bold);
    }

    /// <summary>The pages drawn so far and where the next line goes; a line that does not fit starts a new page.</summary>
    private sealed class Pages(PdfDocument document, Invoice invoice, string hospitalName)
    {
        private readonly List<XGraphics> _drawn = [];
        private XGraphics _page = null!;
        private double _y;

        /// <summary>Drawn at the top of each further page while the table runs.</summary>
        public Action? TableHead { get; set; }

        private XGraphics Page => _page ?? Start();

        public void Down(double by) => _y += by;

        public void Need(double height)
        {
            if (_page is null || _y + height > Bottom)
            {
                Start();
                if (_drawn.Count > 1)
                {
                    Text($"{hospitalName} · Invoice {invoice.Number} (continued)", Margin, Fonts.Bold);
                    Down(Row * 2);
                    TableHead?.Invoke();
                }
            }
        }

        public void Text(string text, double x, XFont font, bool alignRight = false, double width = 0)
        {
            var page = Page;
            var shown = width > 0 ? Fit(page, text, font, width) : text;
            var format = alignRight ? XStringFormats.TopRight : XStringFormats.TopLeft;
            page.DrawString(shown, font, XBrushes.Black, new XRect(alignRight ? x - 400 : x, _y, 400, font.Size * 1.3), format);
        }

        public void Rule()
        {
            Page.DrawLine(XPens.Gray, Margin, _y, Right, _y);
            Down(3);
        }

        /// <summary>Writes "Page i of n" on every page and closes them.</summary>
        public void Finish()
        {
            for (var i = 0; i < _drawn.Count; i++)
            {
                _drawn[i].DrawString($"{hospitalName} · Invoice {invoice.Number} · Page {i + 1} of {_drawn.Count}", Fonts.Regular, XBrushes.Gray,
                    new XRect(Margin, PageHeight - 40, Right - Margin, Row), XStringFormats.TopCenter);
                _drawn[i].Dispose();
            }
        }

        private XGraphics Start()
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _page = XGraphics.FromPdfPage(page);
            _drawn.Add(_page);
            _y = Margin;
            return _page;
        }

        private static string Fit(XGraphics page, string text, XFont font, double width)
        {
            if (page.MeasureString(text, font).Width <= width)
            {
                return text;
            }

            var length = text.Length;
            while (length > 0 && page.MeasureString(text[..length] + "…", font).Width > width)
            {
                length--;
            }

            return text[..length] + "…";
        }
    }
}
