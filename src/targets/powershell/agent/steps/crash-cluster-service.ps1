# Fault crash-cluster-service: the cluster service dies on this node (a transient failure, not a stop).
# Runs on the node itself. The service manager restarts ClusSvc by its recovery settings.
param(
    [Parameter(Mandatory = $true)][string]$Node
)
$service = Get-Service -Name 'ClusSvc' -ErrorAction Stop
if ($service.Status -ne 'Running') {
    return [pscustomobject]@{ changed = $false; message = "the cluster service on $Node is not running ($($service.Status)): nothing to crash" }
}
Stop-Process -Name 'clussvc' -Force -ErrorAction Stop
[pscustomobject]@{ changed = $true; message = "killed the cluster service process on $Node" }
