using Hospital.Api.Problems;
using Hospital.Api.Security;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hospital.Api.Security.SecurityRegistration;

namespace Hospital.Api.Billing.Invoices;

public static class InvoicesApi
{
    public static IEndpointRouteBuilder MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        var read = Policy(Permission.BillingRead);
        var admissions = app.MapGroup("/api/admissions/{encounterId}/invoices").WithTags("Billing").WithMetadata(new PatientDataAttribute());
        admissions.MapPost("/", Issue).RequireAuthorization(Policy(Permission.BillingWrite)).WithName("IssueInvoice")
            .WithSummary("Issue an invoice of the admission's account as it is now: numbered lines, totals, payments, balance due.");
        admissions.MapGet("/", List).RequireAuthorization(read).WithName("ListAdmissionInvoices").WithSummary("The admission's invoices, oldest first.");
        var invoices = app.MapGroup("/api/invoices").WithTags("Billing").WithMetadata(new PatientDataAttribute()).RequireAuthorization(read);
        invoices.MapGet("/{number}", Get).WithName("GetInvoice").WithSummary("An invoice as issued.");
        invoices.MapGet("/{number}/pdf", Pdf).WithName("GetInvoicePdf").WithSummary("The invoice as a PDF document (A4).");
        invoices.MapGet("/{number}/html", Html).WithName("GetInvoiceHtml").WithSummary("The invoice as a printable HTML page.");
        return app;
    }

    public static async Task<Created<Invoice>> Issue(string encounterId, IGrainFactory grains)
    {
        var invoice = await grains.GetGrain<IInvoiceRegisterGrain>(0).Issue(PlausibleEncounter(encounterId));
        return TypedResults.Created($"/api/invoices/{invoice.Number}", invoice);
    }

    public static async Task<Ok<IReadOnlyList<InvoiceSummary>>> List(string encounterId, IGrainFactory grains)
    {
        var invoices = await InvoiceIndex.For(grains, PlausibleEncounter(encounterId)).Of(encounterId);
        if (invoices.Count == 0 && await grains.GetGrain<IAccountGrain>(encounterId).Get() is null)
        {
            throw HospitalException.NotFound("Account", encounterId);
        }

        return TypedResults.Ok(invoices);
    }

    public static async Task<Ok<Invoice>> Get(string number, IGrainFactory grains) => TypedResults.Ok(await Find(grains, number));

    public static async Task<FileContentHttpResult> Pdf(string number, IGrainFactory grains, InvoicePdf pdf)
    {
        var invoice = await Find(grains, number);
        return TypedResults.File(pdf.Render(invoice), "application/pdf", $"{invoice.Number}.pdf");
    }

    public static async Task<ContentHttpResult> Html(string number, IGrainFactory grains, InvoiceHtml html, HttpContext context)
    {
        var invoice = await Find(grains, number);
        // The page's own policy (its inline style sheet by hash) instead of the api's, which allows no style at all.
        context.Response.Headers.ContentSecurityPolicy = InvoiceHtml.Policy;
        return TypedResults.Content(html.Render(invoice), "text/html; charset=utf-8");
    }

    private static async Task<Invoice> Find(IGrainFactory grains, string number)
    {
        var invoice = InvoiceNumbers.IsValid(number) ? await grains.GetGrain<IInvoiceGrain>(number).Get() : null;
        if (invoice is null)
        {
            throw HospitalException.NotFound("Invoice", number.Length <= Lookup.IdMaxLength ? number : number[..Lookup.IdMaxLength] + "...");
        }

        // Documents are not JSON, whose MRNs are noted as they are written: note the patient for the audit record here.
        PatientAccess.Note(invoice.Mrn);
        return invoice;
    }

    private static string PlausibleEncounter(string encounterId) =>
        Lookup.IsPlausibleId(encounterId) ? encounterId : throw HospitalException.NotFound("Account", encounterId[..Math.Min(encounterId.Length, Lookup.IdMaxLength)]);
}
