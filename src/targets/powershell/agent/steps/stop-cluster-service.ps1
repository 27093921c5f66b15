# Fault stop-cluster-service: a clean stop of the cluster service; the cluster drains the node's roles first.
# Runs on the node itself (local cluster, so no second hop). -Wait 0 returns once the stop has begun.
param(
    [Parameter(Mandatory = $true)][string]$Node
)
$service = Get-Service -Name 'ClusSvc' -ErrorAction Stop
if ($service.Status -ne 'Running') {
    return [pscustomobject]@{ changed = $false; message = "the cluster service on $Node is already stopped" }
}
Stop-ClusterNode -Name $Node -Wait 0 -ErrorAction Stop | Out-Null
[pscustomobject]@{ changed = $true; message = "stopping the cluster service on $Node (roles drain first)" }
