#Requires -Version 5.1
# drill-agent.ps1: the agent drill starts once per run (pwsh -NoLogo -NoProfile -NonInteractive -File).
# It reads one JSON request per line on stdin and writes one JSON response per line on stdout:
#   request  {"id":1,"op":"observe","at":12000,"params":{}}
#   response {"id":1,"ok":true,"result":{...}}  or  {"id":1,"ok":false,"error":{"code":"...","message":"...","retryable":false}}
# It holds one PSSession per cluster node (WinRM, or SSH with -HostName on PowerShell 7) and runs every
# cluster cmdlet on a node through Invoke-Command: no second hop, no CredSSP. Values from drill arrive as
# JSON data and are bound to param() blocks through -ArgumentList; they never become PowerShell source.
# Nothing secret is ever written to stdout or stderr.
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# UTF-8 without a byte order mark both ways: Windows PowerShell 5.1 would otherwise use the OEM code page.
$utf8 = New-Object System.Text.UTF8Encoding -ArgumentList $false
try {
    [Console]::InputEncoding = $utf8
    [Console]::OutputEncoding = $utf8
} catch {
    # No console attached (pipes only): the streams keep their encoding; PowerShell 7 defaults to UTF-8.
    [Console]::Error.WriteLine("drill-agent: could not set UTF-8 console encoding: $($_.Exception.Message)")
}

$ProtocolVersion = 1
$AgentDirectory = $PSScriptRoot
# The only step scripts the agent runs: a request names one of these, never a path.
$StepNames = @(
    'crash-cluster-service', 'stop-cluster-service', 'partition-node', 'lift-partition', 'fail-nic',
    'enable-nic', 'start-cluster-service', 'clear-quarantine', 'drain-node', 'resume-node', 'move-vm'
)
# Seconds between two attempts to reopen the session of a node that stopped answering.
$SessionRetrySeconds = 30

$State = @{
    Cluster      = $null
    Transport    = $null
    Credential   = $null
    Nodes        = @()
    Sessions     = @{}
    LastAttempt  = @{}
    LastError    = @{}
    Coordinator  = $null
    Scripts      = @{}
}

# Throws an error that carries a protocol failure code (unreachable, refused, unknown-name, timeout).
function Stop-DrillRequest {
    param([string]$Code, [string]$Message, [bool]$Retryable = $false)
    $exception = New-Object System.Exception $Message
    $exception.Data['drillCode'] = $Code
    $exception.Data['drillRetryable'] = $Retryable
    throw $exception
}

# Loads a script shipped with the agent (steps/, remote/) once; its text is a constant of the package.
function Get-DrillScript {
    param([string]$RelativePath)
    if (-not $State.Scripts.ContainsKey($RelativePath)) {
        $text = Get-Content -Raw -LiteralPath (Join-Path $AgentDirectory $RelativePath)
        $State.Scripts[$RelativePath] = [scriptblock]::Create($text)
    }
    $State.Scripts[$RelativePath]
}

# One response line; `$ResultJson` is already JSON text (results are built as JSON on the nodes).
function Write-DrillResult {
    param([long]$Id, [string]$ResultJson)
    [Console]::Out.WriteLine('{"id":' + $Id + ',"ok":true,"result":' + $ResultJson + '}')
    [Console]::Out.Flush()
}

function Write-DrillFailure {
    param([long]$Id, [string]$Code, [string]$Message, [bool]$Retryable)
    $errorObject = [ordered]@{ code = $Code; message = $Message; retryable = $Retryable }
    $line = ConvertTo-Json -InputObject ([ordered]@{ id = $Id; ok = $false; error = $errorObject }) -Depth 3 -Compress
    [Console]::Out.WriteLine($line)
    [Console]::Out.Flush()
}

function ConvertTo-DrillJson {
    param($Value)
    ConvertTo-Json -InputObject $Value -Depth 6 -Compress
}

# The credential named by the target file: JSON {"user","password"} in an environment variable or a file,
# or a PSCredential saved with Export-Clixml (*.clixml). Error messages never include the secret.
function Get-DrillCredential {
    param($Source)
    if ($null -eq $Source) { return $null }
    $text = $null
    $origin = $null
    if ($Source.PSObject.Properties['env']) {
        $origin = "environment variable $([string]$Source.env)"
        $text = [Environment]::GetEnvironmentVariable([string]$Source.env)
        if ([string]::IsNullOrEmpty($text)) { Stop-DrillRequest -Code 'unreachable' -Message "the credential's $origin is not set" }
    } elseif ($Source.PSObject.Properties['file']) {
        $path = [string]$Source.file
        if ($path.StartsWith('~')) { $path = Join-Path $HOME $path.Substring(1) }
        $origin = "file $path"
        if (-not (Test-Path -LiteralPath $path)) { Stop-DrillRequest -Code 'unreachable' -Message "the credential's $origin does not exist" }
        if ($path.EndsWith('.clixml')) { return Import-Clixml -LiteralPath $path }
        $text = Get-Content -Raw -LiteralPath $path
    } else {
        Stop-DrillRequest -Code 'refused' -Message 'the credential source names neither an environment variable nor a file'
    }
    try {
        $parsed = ConvertFrom-Json -InputObject $text
        $user = [string]$parsed.user
        $secret = ConvertTo-SecureString -String ([string]$parsed.password) -AsPlainText -Force
    } catch {
        Stop-DrillRequest -Code 'unreachable' -Message "the credential in the $origin is not JSON with a user and a password"
    }
    New-Object System.Management.Automation.PSCredential -ArgumentList $user, $secret
}

# Opens one remote session to a computer with the run's transport.
function New-DrillSession {
    param([string]$ComputerName)
    $transport = $State.Transport
    if ($null -ne $transport -and [string]$transport.kind -eq 'ssh') {
        $parameters = @{ HostName = $ComputerName; ErrorAction = 'Stop' }
        if ($transport.PSObject.Properties['user'] -and $transport.user) { $parameters['UserName'] = [string]$transport.user }
        if ($transport.PSObject.Properties['keyFile'] -and $transport.keyFile) {
            $keyFile = [string]$transport.keyFile
            if ($keyFile.StartsWith('~')) { $keyFile = Join-Path $HOME $keyFile.Substring(1) }
            $parameters['KeyFilePath'] = $keyFile
        }
        return New-PSSession @parameters
    }
    $parameters = @{
        ComputerName  = $ComputerName
        SessionOption = (New-PSSessionOption -OpenTimeout 10000 -OperationTimeout 120000)
        ErrorAction   = 'Stop'
    }
    if ($null -ne $State.Credential) { $parameters['Credential'] = $State.Credential }
    New-PSSession @parameters
}

# The open session of a node, reopening a dropped one at most every $SessionRetrySeconds; $null if none.
function Get-DrillSession {
    param([string]$Node)
    $session = $State.Sessions[$Node]
    if ($null -ne $session -and [string]$session.State -eq 'Opened') { return $session }
    $last = $State.LastAttempt[$Node]
    if ($null -ne $last -and ((Get-Date) - $last).TotalSeconds -lt $SessionRetrySeconds) { return $null }
    $State.LastAttempt[$Node] = Get-Date
    if ($null -ne $session) { Remove-PSSession -Session $session -ErrorAction SilentlyContinue }
    try {
        $State.Sessions[$Node] = New-DrillSession -ComputerName $Node
        $State.LastError.Remove($Node)
        return $State.Sessions[$Node]
    } catch {
        $State.Sessions[$Node] = $null
        $State.LastError[$Node] = $_.Exception.Message
        return $null
    }
}

# The node names of the run, as the cluster spells them; a name drill sends must be one of these.
function Resolve-DrillNode {
    param([string]$Name)
    foreach ($node in $State.Nodes) { if ($node -eq $Name) { return $node } }
    Stop-DrillRequest -Code 'unknown-name' -Message "$Name is not a node of cluster $($State.Cluster)"
}

# Opens the sessions: through a configured node (or the cluster name) to list the nodes, then one per node.
function Connect-DrillCluster {
    param($Parameters)
    $State.Cluster = [string]$Parameters.cluster
    $State.Transport = $Parameters.transport
    $State.Credential = Get-DrillCredential -Source $Parameters.credential
    $entryNames = @()
    if ($null -ne $Parameters.nodes) { $entryNames += @($Parameters.nodes | ForEach-Object { [string]$_ }) }
    $entryNames += $State.Cluster
    $nodes = $null
    $entryErrors = @()
    foreach ($entryName in $entryNames) {
        try {
            $entry = New-DrillSession -ComputerName $entryName
            try {
                $nodes = @(Invoke-Command -Session $entry -ScriptBlock { @(Get-ClusterNode -ErrorAction Stop | ForEach-Object { [string]$_.Name }) })
                $State.Sessions[[string]$entry.ComputerName] = $entry
            } catch {
                Remove-PSSession -Session $entry -ErrorAction SilentlyContinue
                throw
            }
            break
        } catch {
            $entryErrors += "${entryName}: $($_.Exception.Message)"
        }
    }
    if ($null -eq $nodes) {
        Stop-DrillRequest -Code 'unreachable' -Message "could not reach cluster $($State.Cluster): $($entryErrors -join '; ')" -Retryable $true
    }
    $State.Nodes = $nodes
    foreach ($node in $nodes) {
        $known = $null
        foreach ($key in @($State.Sessions.Keys)) { if ($key -eq $node) { $known = $State.Sessions[$key] } }
        if ($null -ne $known) { $State.Sessions[$node] = $known } else { [void](Get-DrillSession -Node $node) }
    }
    ConvertTo-DrillJson ([ordered]@{
            cluster     = $State.Cluster
            nodes       = @($nodes)
            unreachable = @($nodes | Where-Object { $null -eq $State.Sessions[$_] })
        })
}

# Runs a read-only script block on the coordinator, moving to the next node when one cannot answer.
function Invoke-DrillRead {
    param([scriptblock]$ScriptBlock)
    $lastError = 'no node session is open'
    foreach ($node in (Get-DrillCoordinatorOrder -Avoid '')) {
        $session = Get-DrillSession -Node $node
        if ($null -eq $session) { continue }
        try {
            $result = Invoke-Command -Session $session -ScriptBlock $ScriptBlock -ErrorAction Stop
            $State.Coordinator = $node
            return [string]$result
        } catch {
            $lastError = "${node}: $($_.Exception.Message)"
        }
    }
    Stop-DrillRequest -Code 'unreachable' -Message "no node of cluster $($State.Cluster) could run cluster cmdlets ($lastError)" -Retryable $true
}

# Nodes to try as coordinator: the last good one first, the node a step concerns last.
function Get-DrillCoordinatorOrder {
    param([string]$Avoid)
    $order = @()
    if ($null -ne $State.Coordinator -and $State.Coordinator -ne $Avoid) { $order += $State.Coordinator }
    $order += @($State.Nodes | Where-Object { $_ -ne $State.Coordinator -and $_ -ne $Avoid })
    if ($Avoid -ne '') { $order += $Avoid }
    $order
}

# A coordinator for a step: the first node whose cluster service answers a cheap probe (steps are not
# retried on another node, so a failing step never runs twice).
function Find-DrillCoordinator {
    param([string]$Avoid)
    foreach ($node in (Get-DrillCoordinatorOrder -Avoid $Avoid)) {
        $session = Get-DrillSession -Node $node
        if ($null -eq $session) { continue }
        try {
            [void](Invoke-Command -Session $session -ScriptBlock { Get-ClusterNode -Name $env:COMPUTERNAME -ErrorAction Stop } -ErrorAction Stop)
            $State.Coordinator = $node
            return $session
        } catch {
            $State.LastError[$node] = $_.Exception.Message
        }
    }
    Stop-DrillRequest -Code 'unreachable' -Message "no node of cluster $($State.Cluster) answers as a coordinator" -Retryable $true
}

# Runs a script block on every host at once; hosts that cannot answer are reported, not dropped.
function Invoke-DrillFanOut {
    param([scriptblock]$ScriptBlock)
    $open = @()
    $readings = New-Object System.Collections.Generic.List[string]
    foreach ($node in $State.Nodes) {
        $session = Get-DrillSession -Node $node
        if ($null -ne $session) { $open += $session } else { $readings.Add((Get-DrillUnreachableHost -Node $node)) }
    }
    if ($open.Count -eq 0) { return $readings }
    $hostErrors = @()
    $results = @(Invoke-Command -Session $open -ScriptBlock $ScriptBlock -ErrorAction SilentlyContinue -ErrorVariable hostErrors)
    $answered = @{}
    foreach ($result in $results) {
        $answered[[string]$result.PSComputerName] = $true
        $readings.Add([string]$result)
    }
    foreach ($failure in $hostErrors) {
        $computer = $null
        if ($failure.PSObject.Properties['OriginInfo'] -and $null -ne $failure.OriginInfo) { $computer = [string]$failure.OriginInfo.PSComputerName }
        if ($null -eq $computer -and $failure.TargetObject -is [System.Management.Automation.Runspaces.PSSession]) { $computer = [string]$failure.TargetObject.ComputerName }
        if ($null -ne $computer) { $State.LastError[$computer] = $failure.Exception.Message }
    }
    foreach ($session in $open) {
        if (-not $answered.ContainsKey([string]$session.ComputerName)) {
            $readings.Add((Get-DrillUnreachableHost -Node ([string]$session.ComputerName)))
        }
    }
    $readings
}

function Get-DrillUnreachableHost {
    param([string]$Node)
    $message = $State.LastError[$Node]
    if ($null -eq $message) { $message = 'the node did not answer' }
    $noVms = [ordered]@{ name = @(); state = @(); stateName = @(); heartbeat = @(); heartbeatName = @(); uptimeMs = @() }
    ConvertTo-DrillJson ([ordered]@{ node = $Node; reachable = $false; error = [string]$message; vms = $noVms })
}

# observe: cluster state from the coordinator plus Get-VM from every host, in one request.
function Get-DrillObservation {
    $cluster = Invoke-DrillRead -ScriptBlock (Get-DrillScript 'remote/observe-cluster.ps1')
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
        $session = Find-DrillCoordinator -Avoid $node
    } else {
        $session = Get-DrillSession -Node $node
        if ($null -eq $session) {
            Stop-DrillRequest -Code 'unreachable' -Message "no session to $node ($($State.LastError[$node]))" -Retryable $true
        }
    }
    $effect = Invoke-Command -Session $session -ScriptBlock $script -ArgumentList $argumentValues -ErrorAction Stop | Select-Object -Last 1
    ConvertTo-DrillJson ([ordered]@{ changed = [bool]$effect.changed; message = [string]$effect.message })
}

function Close-DrillSessions {
    foreach ($session in @($State.Sessions.Values)) {
        if ($null -ne $session) { Remove-PSSession -Session $session -ErrorAction SilentlyContinue }
    }
    $State.Sessions = @{}
}

# The loop: one request at a time, until `close` or the end of stdin (drill exited).
while ($null -ne ($line = [Console]::In.ReadLine())) {
    if ($line.Trim() -eq '') { continue }
    $id = -1
    try {
        $request = ConvertFrom-Json -InputObject $line
        $id = [long]$request.id
        $parameters = $request.params
        switch ([string]$request.op) {
            'hello' {
                Write-DrillResult -Id $id -ResultJson (ConvertTo-DrillJson ([ordered]@{
                            protocol  = $ProtocolVersion
                            agent     = 'drill-agent'
                            psVersion = [string]$PSVersionTable.PSVersion
                            edition   = [string]$PSVersionTable.PSEdition
                        }))
            }
            'connect' { Write-DrillResult -Id $id -ResultJson (Connect-DrillCluster -Parameters $parameters) }
            'inventory' { Write-DrillResult -Id $id -ResultJson (Get-DrillInventory) }
            'observe' { Write-DrillResult -Id $id -ResultJson (Get-DrillObservation) }
            'inject' { Write-DrillResult -Id $id -ResultJson (Invoke-DrillStep -Parameters $parameters) }
            'act' { Write-DrillResult -Id $id -ResultJson (Invoke-DrillStep -Parameters $parameters) }
            'undo' { Write-DrillResult -Id $id -ResultJson (Invoke-DrillStep -Parameters $parameters) }
            'close' {
                Close-DrillSessions
                Write-DrillResult -Id $id -ResultJson '{}'
                exit 0
            }
            default { Stop-DrillRequest -Code 'refused' -Message "unknown operation $([string]$request.op)" }
        }
    } catch {
        $code = $_.Exception.Data['drillCode']
        $retryable = $_.Exception.Data['drillRetryable']
        if ($null -eq $code) {
            $code = 'refused'
            $retryable = $_.Exception -is [System.Management.Automation.Remoting.PSRemotingTransportException]
            if ($retryable) { $code = 'unreachable' }
        }
        Write-DrillFailure -Id $id -Code ([string]$code) -Message ([string]$_.Exception.Message) -Retryable ([bool]$retryable)
    }
}
Close-DrillSessions
