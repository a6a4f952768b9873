using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Hospital.Contracts.Billing;
using Hospital.Grains.Medications;
using Microsoft.Extensions.Options;

namespace Hospital.Api.Billing.Invoices;

/// <summary>
/// An invoice as one printable HTML page: its own style sheet inline (allowed by hash in the page's own policy, nothing
/// else may load), every value HTML-encoded.
/// </summary>
public sealed class InvoiceHtml(IOptions<InvoiceOptions> options, IOptions<HospitalZoneOptions> zone)
{
    private const string Style = """
        body { font: 10pt/1.4 "DejaVu Sans", Arial, sans-serif; color: #111; margin: 2rem auto; max-width: 50rem; }
        header { display: flex; justify-content: space-between; align-items: flex-start; gap: 2rem; }
        h1 { font-size: 1.6rem; margin: 0; } h2 { font-size: 1.1rem; margin: 0 0 .3rem; }
        .hospital p, .bill-to p, .facts p { margin: 0; }
        .facts { text-align: right; }
        .bill-to { margin: 1.5rem 0; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { padding: .25rem .4rem; border-bottom: 1px solid #ccc; text-align: left; vertical-align: top; }
        th { border-bottom: 2px solid #444; }
        .num { text-align: right; white-space: nowrap; }
        tr.credit td { color: #7a1a14; }
        .totals { margin-left: auto; margin-top: 1rem; width: auto; min-width: 18rem; }
        .totals th { border-bottom: 1px solid #ccc; font-weight: normal; }
        .totals .strong th, .totals .strong td { font-weight: bold; border-bottom: 2px solid #444; }
        .payments { margin-top: 1rem; }
        @media print { body { margin: 0; max-width: none; } thead { display: table-header-group; } tr { break-inside: avoid; } }
        """;

    /// <summary>The page's content security policy: its one inline style sheet and nothing else.</summary>
    public static readonly string Policy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public string Render(Invoice invoice)
    {
        var e = HtmlEncoder.Default;
        var tz = zone.Value.Zone;
        var hospital = options.Value;
        var numbers = InvoiceText.Numbers(invoice);
        var html = new StringBuilder();
        html.Append($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Invoice {e.Encode(invoice.Number)}</title>
            <style>{Style}</style>
            </head>
            <body>
            <header>
            <div class="hospital"><h1>{e.Encode(hospital.HospitalName)}</h1>{string.Concat(hospital.AddressLines.Select(l => $"<p>{e.Encode(l)}</p>"))}</div>
            <div class="facts"><h2>Invoice</h2><p>Number <strong data-field="number">{e.Encode(invoice.Number)}</strong></p><p>Issued {InvoiceText.Day(invoice.IssuedAt, tz)}</p></div>
            </header>
            <section class="bill-to"><h2>Bill to</h2>
            <p data-field="patient">{e.Encode(InvoiceText.PatientName(invoice))}</p>
            <p>Date of birth {InvoiceText.Day(invoice.Patient.BirthDate)}</p>
            <p>MRN {e.Encode(invoice.Mrn)}</p>
            <p>Admission {e.Encode(invoice.EncounterId)}</p>
            <p>Payer {e.Encode(invoice.PayerId ?? "self-pay")}</p>
            </section>
            <table class="lines">
            <thead><tr><th class="num">#</th><th>Date</th><th>Code</th><th>Description</th><th class="num">Qty</th><th class="num">Unit price</th><th class="num">Amount ({e.Encode(invoice.Currency)})</th></tr></thead>
            <tbody>

            """);
        foreach (var line in invoice.Lines)
        {
            html.Append($"""<tr{(line.IsCredit ? " class=\"credit\"" : "")}><td class="num">{line.Number}</td><td>{InvoiceText.Day(line.ServiceAt, tz)}</td><td>{e.Encode(line.Code)}</td><td>{e.Encode(InvoiceText.Describe(line, numbers))}</td><td class="num">{InvoiceText.Quantity(line.Quantity)}</td><td class="num">{InvoiceText.Amount(line.UnitPrice)}</td><td class="num">{InvoiceText.Amount(line.Amount)}</td></tr>""");
            html.Append('\n');
        }

        html.Append("</tbody>\n</table>\n");
        if (invoice.Payments.Count > 0)
        {
            html.Append("""<table class="payments"><thead><tr><th>Payment received</th><th>Method</th><th class="num">Amount</th></tr></thead><tbody>""");
            foreach (var payment in invoice.Payments)
            {
                html.Append($"""<tr><td>{InvoiceText.Day(payment.ReceivedAt, tz)}</td><td>{e.Encode(InvoiceText.Payment(payment))}</td><td class="num">{InvoiceText.Amount(payment.Amount)}</td></tr>""");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("""<table class="totals"><tbody>""");
        foreach (var (label, amount, strong) in InvoiceText.Totals(invoice))
        {
            html.Append($"""<tr{(strong ? " class=\"strong\"" : "")}><th scope="row">{e.Encode(label)}</th><td class="num">{InvoiceText.Amount(amount)}</td></tr>""");
        }

        html.Append("</tbody></table>\n</body>\n</html>\n");
        return html.ToString();
    }
}
