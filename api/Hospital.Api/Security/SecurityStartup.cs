using System.Security.Cryptography;
using Hospital.Contracts.Security;
using Hospital.Hosting.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hospital.Api.Security;

/// <summary>
/// After Orleans is up, at first start: creates user <c>admin</c> with the bootstrap password, or with a random one
/// written once to a file only the process owner can read (its path is logged, the password never is).
/// </summary>
internal sealed partial class SecurityStartup(IGrainFactory grains, SecretFiles secrets, IOptions<AuthOptions> options, ILogger<SecurityStartup> logger) : IHostedService
{
    public const string AdminUser = "admin";
    public const string BootstrapFile = "bootstrap-admin-password";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var password = options.Value.BootstrapAdminPassword is { Length: > 0 } configured ? configured : null;
        var generated = password is null;
        password ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var hash = new PasswordHasher<string>().HashPassword(AdminUser, password);
        if (await grains.GetGrain<IUserDirectoryGrain>(0).Bootstrap(AdminUser, hash, [Roles.Admin]) && generated)
        {
            AdminCreated(logger, AdminUser, secrets.WriteOnce(BootstrapFile, password));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: created user '{User}'; its password is in {Path} (readable by this process's user only). Sign in and change it, then delete the file.")]
    private static partial void AdminCreated(ILogger logger, string user, string path);
}
