using Hospital.Api.Billing.Invoices;
using Hospital.Api.Billing.Reports;
using Microsoft.Extensions.Options;

namespace Hospital.Api.Billing;

/// <summary>Invoices (JSON, printable HTML, PDF) and the finance reports.</summary>
public static class BillingDocuments
{
    public static WebApplicationBuilder AddBillingDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InvoiceOptions>().BindConfiguration(InvoiceOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<InvoiceOptions>, InvoiceOptionsValidation>();
        builder.Services.AddSingleton<InvoicePdf>();
        builder.Services.AddSingleton<InvoiceHtml>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBillingDocumentsApi(this IEndpointRouteBuilder app) => app.MapInvoicesApi().MapBillingReportsApi();
}
