# Runs on every Hyper-V host: its adapters (a team lists its members), live migration limits, and its VMs
# with where their files live (storage type), startup memory and configuration version.
function ConvertTo-DrillVmInventory {
    param($VirtualMachine)
    [ordered]@{
        name               = [string]$VirtualMachine.Name
        path               = [string]$VirtualMachine.Path
        memoryStartupBytes = [long]$VirtualMachine.MemoryStartup
        configVersion      = [string]$VirtualMachine.Version
    }
}

# The physical members behind an adapter: an LBFO team's members, a SET switch's adapters, or itself.
function Get-DrillAdapterMembers {
    param($Adapter, $Switches)
    $team = Get-NetLbfoTeam -Name $Adapter.Name -ErrorAction SilentlyContinue
    if ($null -ne $team) { return @($team.Members | ForEach-Object { [string]$_ }) }
    foreach ($switch in $Switches) {
        if ([string]$Adapter.Name -like "vEthernet*" -and $switch.EmbeddedTeamingEnabled) {
            $descriptions = @($switch.NetAdapterInterfaceDescriptions)
            return @(Get-NetAdapter -Physical | Where-Object { $descriptions -contains $_.InterfaceDescription } | ForEach-Object { [string]$_.Name })
        }
    }
    @([string]$Adapter.Name)
}

$switches = @(Get-VMSwitch -SwitchType External -ErrorAction SilentlyContinue)
$vmHost = Get-VMHost -ErrorAction Stop
$reading = [ordered]@{
    node                    = [string]$env:COMPUTERNAME
    liveMigrationConcurrent = [int]$vmHost.MaximumVirtualMachineMigrations
    adapters                = @(Get-NetAdapter -ErrorAction Stop | ForEach-Object {
            [ordered]@{ name = [string]$_.Name; speedBps = [long]$_.Speed; members = @(Get-DrillAdapterMembers -Adapter $_ -Switches $switches) }
        })
    vms                     = @(Get-VM -ErrorAction Stop | ForEach-Object { ConvertTo-DrillVmInventory -VirtualMachine $_ })
}
ConvertTo-Json -InputObject $reading -Depth 5 -Compress
