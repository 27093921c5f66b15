# Part of drill-agent.ps1 (dot-sourced): the operations behind observe, inventory, inject, act, undo and
# the cluster lock.

# The nodes drill has faults on (params.avoid): never the first choice of coordinator.
function Get-DrillAvoided {
    param($Parameters)
    if ($null -eq $Parameters -or -not $Parameters.PSObject.Properties['avoid'] -or $null -eq $Parameters.avoid) { return @() }
    @($Parameters.avoid | ForEach-Object { [string]$_ })
}

# observe: cluster state from the coordinator plus Get-VM from every host, in one request.
function Get-DrillObservation {
    param($Parameters)
    $avoid = Get-DrillAvoided -Parameters $Parameters
    $cluster = Invoke-DrillRead -ScriptBlock (Get-DrillScript 'remote/observe-cluster.ps1') -Avoid $avoid
    $hosts = Invoke-DrillFanOut -ScriptBlock (Get-DrillScript 'remote/observe-host.ps1')
    '{"cluster":' + $cluster + ',"hosts":[' + ($hosts -join ',') + ']}'
}

# inventory: settings, nodes with their networks and NICs, clustered VMs with storage, memory and version.
function Get-DrillInventory {
    $cluster = ConvertFrom-Json -InputObject (Invoke-DrillRead -ScriptBlock (Get-DrillScript 'remote/read-cluster-inventory.ps1'))
    $hosts = @(Invoke-DrillFanOut -ScriptBlock (Get-DrillScript 'remote/read-host-inventory.ps1') | ForEach-Object { ConvertFrom-Json -InputObject $_ } | Where-Object { -not $_.PSObject.Properties['reachable'] })
    if ($hosts.Count -eq 0) { Stop-DrillRequest -Code 'unreachable' -Message 'no Hyper-V host answered the inventory' -Retryable $true }
    $nodes = @()
    $concurrent = [int]::MaxValue
    $bandwidth = [long]::MaxValue
    foreach ($name in @($cluster.nodes)) {
        $hostReading = $hosts | Where-Object { $_.node -eq $name } | Select-Object -First 1
        $networks = @()
        $fastest = [long]0
        foreach ($interface in @($cluster.interfaces | Where-Object { $_.node -eq $name })) {
            $nics = @([string]$interface.adapter)
            if ($null -ne $hostReading) {
                $adapter = @($hostReading.adapters | Where-Object { $_.name -eq $interface.adapter }) | Select-Object -First 1
                if ($null -ne $adapter) {
                    $nics = @($adapter.members | ForEach-Object { [string]$_ })
                    if ([long]$adapter.speedBps -gt $fastest) { $fastest = [long]$adapter.speedBps }
                }
            }
            $networks += [ordered]@{ name = [string]$interface.network; nics = $nics }
        }
        if ($null -ne $hostReading) {
            if ([int]$hostReading.liveMigrationConcurrent -lt $concurrent) { $concurrent = [int]$hostReading.liveMigrationConcurrent }
            if ($fastest -gt 0 -and $fastest -lt $bandwidth) { $bandwidth = $fastest }
        }
        $nodes += [ordered]@{ name = [string]$name; networks = $networks }
    }
    if ($concurrent -eq [int]::MaxValue) { $concurrent = 2 }
    if ($bandwidth -eq [long]::MaxValue) { $bandwidth = [long]10000000000 }
    # One pass over every host's VMs (8,000 VMs must not cost 8,000 x 8,000 comparisons): a VM listed by
    # two hosts (a migration in flight) is taken from its owner.
    $ownerOf = @{}
    foreach ($group in @($cluster.groups)) { $ownerOf[[string]$group.name] = [string]$group.ownerNode }
    $vmByName = @{}
    foreach ($hostReading in $hosts) {
        foreach ($vm in @($hostReading.vms)) {
            $key = [string]$vm.name
            if (-not $vmByName.ContainsKey($key) -or [string]$hostReading.node -eq $ownerOf[$key]) { $vmByName[$key] = $vm }
        }
    }
    $vms = New-Object System.Collections.Generic.List[object]
    foreach ($group in @($cluster.groups)) {
        $found = $vmByName[[string]$group.name]
        if ($null -eq $found) { continue }
        $vms.Add([ordered]@{
                name               = [string]$group.name
                owner              = [string]$group.ownerNode
                path               = [string]$found.path
                memoryStartupBytes = [long]$found.memoryStartupBytes
                configVersion      = [string]$found.configVersion
            })
    }
    $settings = [ordered]@{}
    foreach ($property in $cluster.cluster.PSObject.Properties) { $settings[$property.Name] = $property.Value }
    $settings['liveMigrationConcurrent'] = $concurrent
    $settings['liveMigrationBandwidthBps'] = $bandwidth
    ConvertTo-DrillJson ([ordered]@{ cluster = $settings; nodes = $nodes; vms = $vms.ToArray() })
}

# inject, act and undo: one step script, bound to its JSON arguments, run where the step says.
function Invoke-DrillStep {
    param($Parameters)
    $stepName = [string]$Parameters.step
    if ($StepNames -notcontains $stepName) { Stop-DrillRequest -Code 'refused' -Message "the agent has no step named $stepName" }
    $node = Resolve-DrillNode -Name ([string]$Parameters.node)
    $argumentValues = @($Parameters.arguments.PSObject.Properties | ForEach-Object { $_.Value })
    $script = Get-DrillScript "steps/$stepName.ps1"
    if ([string]$Parameters.runOn -eq 'cluster') {
        $session = Find-DrillCoordinator -Avoid (@($node) + @(Get-DrillAvoided -Parameters $Parameters))
    } else {
        $session = Get-DrillSession -Node $node
        if ($null -eq $session) {
            Stop-DrillRequest -Code 'unreachable' -Message "no session to $node ($($State.LastError[$node]))" -Retryable $true
        }
    }
    $effect = Invoke-Command -Session $session -ScriptBlock $script -ArgumentList $argumentValues -ErrorAction Stop | Select-Object -Last 1
    ConvertTo-DrillJson ([ordered]@{ changed = [bool]$effect.changed; message = [string]$effect.message })
}

# lock-acquire, lock-renew and lock-release: lock/cluster-lock.ps1 on a coordinator, the operation taken
# from the request's op (never from its data) and the JSON arguments bound in order after it. The script
# answers with JSON text, passed on as it is.
function Invoke-DrillLock {
    param([string]$Operation, $Parameters)
    $argumentValues = @($Operation) + @($Parameters.arguments.PSObject.Properties | ForEach-Object { $_.Value })
    $session = Find-DrillCoordinator -Avoid (Get-DrillAvoided -Parameters $Parameters)
    $answer = Invoke-Command -Session $session -ScriptBlock (Get-DrillScript 'lock/cluster-lock.ps1') -ArgumentList $argumentValues -ErrorAction Stop | Select-Object -Last 1
    [string]$answer
}

function Close-DrillSessions {
    foreach ($session in @($State.Sessions.Values)) {
        if ($null -ne $session) { Remove-PSSession -Session $session -ErrorAction SilentlyContinue }
    }
    $State.Sessions = @{}
}
