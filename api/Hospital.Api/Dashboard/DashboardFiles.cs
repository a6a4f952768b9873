using Microsoft.Extensions.FileProviders;

namespace Hospital.Api.Dashboard;

/// <summary>Serves the web dashboard at <c>/</c> from its built folder (<c>dashboard/dist</c>) or the source folder.</summary>
public static class DashboardFiles
{
    public static WebApplication UseHospitalDashboard(this WebApplication app)
    {
        var root = Locate(app.Environment.ContentRootPath, app.Configuration["Hospital:DashboardPath"]);
        if (root is null)
        {
            app.Logger.LogWarning("No dashboard files found; set Hospital:DashboardPath to serve the dashboard.");
            return app;
        }

        var files = new PhysicalFileProvider(root);
        // Api, hub and health requests never look at the disk.
        app.UseWhen(context => !IsService(context.Request.Path), dashboard =>
        {
            dashboard.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            dashboard.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        });
        return app;
    }

    private static bool IsService(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/health")
        || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/scalar");

    private static string? Locate(string contentRoot, string? configured)
    {
        string[] candidates = configured is { Length: > 0 }
            ? [configured]
            : [Path.Combine(AppContext.BaseDirectory, "wwwroot"), Path.Combine(contentRoot, "wwwroot"),
               Path.Combine(contentRoot, "..", "..", "dashboard", "dist"), Path.Combine(contentRoot, "..", "..", "dashboard")];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(c => File.Exists(Path.Combine(c, "index.html")));
    }
}
