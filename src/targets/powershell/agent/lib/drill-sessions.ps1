# Part of drill-agent.ps1 (dot-sourced): credentials, one remote session per node, the coordinator that
# runs cluster cmdlets, and the fan-out to every host. Shares the agent's $State.

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
    param([scriptblock]$ScriptBlock, [string[]]$Avoid = @())
    $lastError = 'no node session is open'
    foreach ($node in (Get-DrillCoordinatorOrder -Avoid $Avoid)) {
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

# Nodes to try as coordinator: the last good one first, then the others, and last the nodes drill has
# faults on (a partitioned or crashed node's own view of the cluster is not to be trusted).
function Get-DrillCoordinatorOrder {
    param([string[]]$Avoid = @())
    $trusted = @($State.Nodes | Where-Object { $Avoid -notcontains $_ })
    $order = @()
    if ($null -ne $State.Coordinator -and $trusted -contains $State.Coordinator) { $order += $State.Coordinator }
    $order += @($trusted | Where-Object { $_ -ne $State.Coordinator })
    $order += @($State.Nodes | Where-Object { $Avoid -contains $_ })
    $order
}

# A coordinator for a step: the first node whose cluster service answers a cheap probe (steps are not
# retried on another node, so a failing step never runs twice).
function Find-DrillCoordinator {
    param([string[]]$Avoid = @())
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
