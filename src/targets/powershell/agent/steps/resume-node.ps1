# Action resume-node: resume a paused node; with Failback Immediate its drained roles move back.
# Runs on a coordinator node.
param(
    [Parameter(Mandatory = $true)][string]$Node,
    [Parameter(Mandatory = $true)][ValidateSet('Immediate', 'None')][string]$Failback
)
$pausedState = 2
$target = Get-ClusterNode -Name $Node -ErrorAction Stop
if ([int]$target.State -ne $pausedState) {
    return [pscustomobject]@{ changed = $false; message = "$Node is not paused" }
}
if ($Failback -eq 'Immediate') {
    Resume-ClusterNode -Name $Node -Failback Immediate -ErrorAction Stop | Out-Null
} else {
    Resume-ClusterNode -Name $Node -ErrorAction Stop | Out-Null
}
[pscustomobject]@{ changed = $true; message = "resumed $Node (failback: $Failback)" }
