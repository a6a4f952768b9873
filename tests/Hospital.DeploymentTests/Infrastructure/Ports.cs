using k8s.Models;

namespace Hospital.DeploymentTests.Infrastructure;

public static class Ports
{
    /// <summary>The container port number a probe or Service port names (by name or number); null when none matches.</summary>
    public static int? Resolve(V1Container container, IntOrString port)
    {
        var ports = container.Ports ?? [];
        return int.TryParse(port.Value, out var number)
            ? ports.Any(p => p.ContainerPort == number) ? number : null
            : ports.FirstOrDefault(p => p.Name == port.Value)?.ContainerPort;
    }
}
