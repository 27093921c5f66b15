# Action and undo start-cluster-service: start the cluster service on this node so it joins again.
# Runs on the node itself: Start-ClusterNode is local there. Idempotent: a running service is left alone.
param(
    [Parameter(Mandatory = $true)][string]$Node
)
$service = Get-Service -Name 'ClusSvc' -ErrorAction Stop
if ($service.Status -eq 'Running') {
    return [pscustomobject]@{ changed = $false; message = "the cluster service on $Node is already running" }
}
Start-ClusterNode -Name $Node -Wait 0 -ErrorAction Stop | Out-Null
[pscustomobject]@{ changed = $true; message = "starting the cluster service on $Node" }
