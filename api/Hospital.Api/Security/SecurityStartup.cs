using System.Security.Cryptography;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hospital.Api.Security;

/// <summary>
/// After Orleans is up: loads the signing key and, at first start, creates user <c>admin</c> with the bootstrap password
/// (or a random one, logged once, when none is configured).
/// </summary>
internal sealed class SecurityStartup(SigningKeys keys, IGrainFactory grains, IOptions<AuthOptions> options, ILogger<SecurityStartup> logger) : IHostedService
{
    public const string AdminUser = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await keys.LoadAsync();
        var password = options.Value.BootstrapAdminPassword;
        var generated = password is null;
        password ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var hash = new PasswordHasher<string>().HashPassword(AdminUser, password);
        if (await grains.GetGrain<IUserDirectoryGrain>(0).Bootstrap(AdminUser, hash, [Roles.Admin]) && generated)
        {
            logger.LogWarning("First start: created user '{User}' with password '{Password}'. Sign in and change it, or set Hospital:Auth:BootstrapAdminPassword before the first start.",
                AdminUser, password);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
