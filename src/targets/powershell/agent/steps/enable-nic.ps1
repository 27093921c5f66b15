# Undo enable-nic: enable the adapter again and drop its scheduled re-enable. Idempotent.
# Runs on the node itself.
param(
    [Parameter(Mandatory = $true)][string]$Node,
    [Parameter(Mandatory = $true)][string]$Nic
)
Unregister-ScheduledTask -TaskName 'drill-enable-nic' -Confirm:$false -ErrorAction SilentlyContinue
$adapter = Get-NetAdapter -Name $Nic -ErrorAction Stop
if ([string]$adapter.Status -ne 'Disabled') {
    return [pscustomobject]@{ changed = $false; message = "$Nic on $Node is not disabled" }
}
Enable-NetAdapter -Name $Nic -Confirm:$false -ErrorAction Stop
[pscustomobject]@{ changed = $true; message = "enabled $Nic on $Node" }
