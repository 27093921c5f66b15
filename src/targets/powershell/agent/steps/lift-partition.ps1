# Undo lift-partition: remove the partition's firewall rules and its scheduled task. Idempotent.
# Runs on the node itself.
param(
    [Parameter(Mandatory = $true)][string]$Node
)
$ruleGroup = 'drill-partition'
$taskName = 'drill-lift-partition'
$rules = @(Get-NetFirewallRule -Group $ruleGroup -ErrorAction SilentlyContinue)
Unregister-ScheduledTask -TaskName $taskName -Confirm:$false -ErrorAction SilentlyContinue
if ($rules.Count -eq 0) {
    return [pscustomobject]@{ changed = $false; message = "$Node is not partitioned (no $ruleGroup rules)" }
}
Remove-NetFirewallRule -Group $ruleGroup -ErrorAction Stop
[pscustomobject]@{ changed = $true; message = "removed $($rules.Count) firewall rules from $Node" }
