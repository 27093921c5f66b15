# Action move-vm: move a clustered VM to another node by live or quick migration.
# Runs on a coordinator node. -Wait 0 returns once the migration has begun.
param(
    [Parameter(Mandatory = $true)][string]$Vm,
    [Parameter(Mandatory = $true)][string]$To,
    [Parameter(Mandatory = $true)][ValidateSet('Live', 'Quick')][string]$MigrationType
)
$group = Get-ClusterGroup -Name $Vm -ErrorAction Stop
if ([string]$group.OwnerNode.Name -eq $To) {
    return [pscustomobject]@{ changed = $false; message = "$Vm is already on $To" }
}
Move-ClusterVirtualMachineRole -Name $Vm -Node $To -MigrationType $MigrationType -Wait 0 -ErrorAction Stop | Out-Null
[pscustomobject]@{ changed = $true; message = "moving $Vm to $To ($MigrationType migration)" }
