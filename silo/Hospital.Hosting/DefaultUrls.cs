using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Hospital.Hosting;

public static class DefaultUrls
{
    /// <summary>Listens on <paramref name="url"/> unless --urls, ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS say otherwise.</summary>
    public static WebApplicationBuilder ListenByDefaultOn(this WebApplicationBuilder builder, string url)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(url);
        }

        return builder;
    }
}
