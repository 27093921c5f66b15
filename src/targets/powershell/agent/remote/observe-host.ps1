# Runs on every Hyper-V host at once (Invoke-Command fan-out): state, heartbeat and uptime of its VMs.
# Uptime keeps growing across a live migration and restarts with a boot, which is how drill tells them apart.
function ConvertTo-DrillNullableCode {
    param($Value)
    if ($null -eq $Value) { return $null }
    [int]$Value
}

function ConvertTo-DrillVm {
    param($VirtualMachine)
    [ordered]@{
        name          = [string]$VirtualMachine.Name
        state         = [int]$VirtualMachine.State
        stateName     = [string]$VirtualMachine.State
        heartbeat     = ConvertTo-DrillNullableCode $VirtualMachine.Heartbeat
        heartbeatName = [string]$VirtualMachine.Heartbeat
        uptimeMs      = [long]$VirtualMachine.Uptime.TotalMilliseconds
    }
}

$reading = [ordered]@{
    node      = [string]$env:COMPUTERNAME
    reachable = $true
    error     = $null
    vms       = @(Get-VM -ErrorAction Stop | ForEach-Object { ConvertTo-DrillVm -VirtualMachine $_ })
}
ConvertTo-Json -InputObject $reading -Depth 4 -Compress
