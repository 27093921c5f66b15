# Fault partition-node: block cluster traffic (UDP and TCP 3343, inbound and outbound) on this node for
# ForMs. A scheduled task on the node removes the rules when the time is up even if drill dies; it is
# registered before the rules exist. Runs on the node itself; management traffic (WinRM, SSH) still flows.
param(
    [Parameter(Mandatory = $true)][string]$Node,
    [Parameter(Mandatory = $true)][long]$ForMs
)
$ruleGroup = 'drill-partition'
$taskName = 'drill-lift-partition'
if (Get-NetFirewallRule -Group $ruleGroup -ErrorAction SilentlyContinue) {
    return [pscustomobject]@{ changed = $false; message = "$Node is already partitioned" }
}
# The task's command line is a constant: nothing from the runbook is part of it.
$lift = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument '-NoProfile -NonInteractive -Command "Remove-NetFirewallRule -Group drill-partition -ErrorAction SilentlyContinue; Unregister-ScheduledTask -TaskName drill-lift-partition -Confirm:$false"'
$trigger = New-ScheduledTaskTrigger -Once -At ((Get-Date).AddMilliseconds($ForMs))
$principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
Register-ScheduledTask -TaskName $taskName -Action $lift -Trigger $trigger -Principal $principal -Force -ErrorAction Stop | Out-Null
foreach ($protocol in @('UDP', 'TCP')) {
    New-NetFirewallRule -Group $ruleGroup -DisplayName "drill partition: block inbound $protocol 3343" -Direction Inbound -Protocol $protocol -LocalPort 3343 -Action Block -Profile Any -ErrorAction Stop | Out-Null
    New-NetFirewallRule -Group $ruleGroup -DisplayName "drill partition: block outbound $protocol 3343" -Direction Outbound -Protocol $protocol -RemotePort 3343 -Action Block -Profile Any -ErrorAction Stop | Out-Null
}
[pscustomobject]@{ changed = $true; message = "blocked UDP and TCP 3343 on $Node for $ForMs ms (task $taskName lifts it)" }
