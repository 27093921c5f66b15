# Fault fail-nic: disable one network adapter of this node. With ForMs > 0 a scheduled task enables it
# again when the time is up, even if drill dies; the adapter's name reaches the task as JSON data in a
# file, never as part of the task's command line. Runs on the node itself.
param(
    [Parameter(Mandatory = $true)][string]$Node,
    [Parameter(Mandatory = $true)][string]$Nic,
    [Parameter(Mandatory = $true)][long]$ForMs
)
$taskName = 'drill-enable-nic'
$adapter = Get-NetAdapter -Name $Nic -ErrorAction Stop
if ([string]$adapter.Status -eq 'Disabled') {
    return [pscustomobject]@{ changed = $false; message = "$Nic on $Node is already disabled" }
}
if ($ForMs -gt 0) {
    $stateDirectory = Join-Path $env:ProgramData 'drill'
    New-Item -ItemType Directory -Path $stateDirectory -Force | Out-Null
    ConvertTo-Json -InputObject @{ nic = $Nic } | Set-Content -Path (Join-Path $stateDirectory 'enable-nic.json') -Encoding UTF8
    $enable = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument '-NoProfile -NonInteractive -Command "$state = Get-Content -Raw -Path (Join-Path $env:ProgramData drill\enable-nic.json) | ConvertFrom-Json; Enable-NetAdapter -Name $state.nic -Confirm:$false; Unregister-ScheduledTask -TaskName drill-enable-nic -Confirm:$false"'
    $trigger = New-ScheduledTaskTrigger -Once -At ((Get-Date).AddMilliseconds($ForMs))
    $principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
    Register-ScheduledTask -TaskName $taskName -Action $enable -Trigger $trigger -Principal $principal -Force -ErrorAction Stop | Out-Null
}
Disable-NetAdapter -Name $Nic -Confirm:$false -ErrorAction Stop
[pscustomobject]@{ changed = $true; message = "disabled $Nic on $Node" }
