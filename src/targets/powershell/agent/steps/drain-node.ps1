# Action drain-node: pause the node and live-migrate its roles off (Suspend-ClusterNode -Drain).
# Runs on a coordinator node. Without -Wait the cmdlet returns once the drain has begun.
param(
    [Parameter(Mandatory = $true)][string]$Node
)
$pausedState = 2
$target = Get-ClusterNode -Name $Node -ErrorAction Stop
if ([int]$target.State -eq $pausedState) {
    return [pscustomobject]@{ changed = $false; message = "$Node is already paused" }
}
Suspend-ClusterNode -Name $Node -Drain -ErrorAction Stop | Out-Null
[pscustomobject]@{ changed = $true; message = "draining $Node" }
