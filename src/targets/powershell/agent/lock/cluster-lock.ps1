# The cluster lock (agent operations lock-acquire, lock-renew, lock-release): one drill per cluster.
# Runs on a cluster node through Invoke-Command. The marker is drill-lock.json in a .drill folder at the
# root of the first Cluster Shared Volume (by name), which every node sees; a cluster without a CSV keeps
# the same JSON in the cluster's private parameter DrillLock. Every value arrives as an argument bound to
# param(); the answer is JSON text: {"acquired":bool,"released":bool,"holder":{...}|null,"where":"..."}.
# Times are this node's UTC clock (the nodes of a cluster keep domain time), so every drill judges a
# lease by the same clock whatever the clock of the machine it runs on. Nothing but the answer is written
# to the output (warnings are silenced: the agent's stdout is the protocol).
param(
    [Parameter(Mandatory = $true)][ValidateSet('acquire', 'renew', 'release')][string]$Operation,
    [Parameter(Mandatory = $true)][string]$RunId,
    [string]$Owner = '',
    [long]$DrillPid = 0,
    [string]$DrillHost = '',
    [long]$LeaseMs = 0,
    # The run id of a holder drill saw die on its own machine (its process is gone): stale whatever its lease.
    [string]$DeadRunId = ''
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$parameterName = 'DrillLock'
# A marker still being written (created, not yet filled) is a holder, not a stale lock, until it is this old.
$unfinishedGraceSeconds = 30
$invariant = [System.Globalization.CultureInfo]::InvariantCulture
$utf8 = New-Object System.Text.UTF8Encoding -ArgumentList $false

$volume = @(Get-ClusterSharedVolume -ErrorAction SilentlyContinue | Sort-Object -Property Name) | Select-Object -First 1
$folder = $null
$markerPath = $null
if ($null -ne $volume) {
    $folder = Join-Path ([string]@($volume.SharedVolumeInfo)[0].FriendlyVolumeName) '.drill'
    [void][System.IO.Directory]::CreateDirectory($folder)
    $markerPath = Join-Path $folder 'drill-lock.json'
    $where = $markerPath
} else {
    $where = "cluster parameter $parameterName of cluster $([string](Get-Cluster).Name)"
}

# ISO 8601 UTC with milliseconds, whatever the node's culture.
function Format-DrillTime {
    param([DateTime]$Time)
    $Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", $invariant)
}

# The marker's text and age, or $null when there is none. A marker another drill holds open while it
# writes it reads as empty text of age 0.
function Read-DrillMarker {
    if ($null -ne $markerPath) {
        try {
            $text = [System.IO.File]::ReadAllText($markerPath, $utf8)
            $age = ([DateTime]::UtcNow - [System.IO.File]::GetLastWriteTimeUtc($markerPath)).TotalSeconds
            return [pscustomobject]@{ text = $text; ageSeconds = $age }
        } catch {
            if (-not [System.IO.File]::Exists($markerPath)) { return $null }
            if ($_.Exception.GetBaseException() -is [System.IO.IOException]) { return [pscustomobject]@{ text = ''; ageSeconds = 0 } }
            throw
        }
    }
    $parameter = Get-Cluster | Get-ClusterParameter -Name $parameterName -ErrorAction SilentlyContinue
    if ($null -eq $parameter -or [string]::IsNullOrEmpty([string]$parameter.Value)) { return $null }
    [pscustomobject]@{ text = [string]$parameter.Value; ageSeconds = [double]::MaxValue }
}

# The holder a marker names, with expiresAt as a UTC DateTime; $null when the text is not a lock.
# (PowerShell 7's ConvertFrom-Json already turns ISO strings into DateTime; 5.1 leaves strings.)
function ConvertFrom-DrillMarker {
    param($Marker)
    try { $value = ConvertFrom-Json -InputObject $Marker.text } catch { return $null }
    if ($null -eq $value -or $value -isnot [System.Management.Automation.PSCustomObject]) { return $null }
    foreach ($field in @('runId', 'owner', 'expiresAt')) { if (-not $value.PSObject.Properties[$field]) { return $null } }
    $expires = $value.expiresAt
    if ($expires -isnot [DateTime]) {
        $parsed = [DateTime]::MinValue
        $styles = [System.Globalization.DateTimeStyles]'AdjustToUniversal, AssumeUniversal'
        if (-not [DateTime]::TryParse([string]$expires, $invariant, $styles, [ref]$parsed)) { return $null }
        $expires = $parsed
    }
    [ordered]@{
        runId     = [string]$value.runId
        owner     = [string]$value.owner
        pid       = $(if ($value.PSObject.Properties['pid']) { [long]$value.pid } else { [long]0 })
        host      = $(if ($value.PSObject.Properties['host']) { [string]$value.host } else { '' })
        expiresAt = $expires.ToUniversalTime()
    }
}

# The JSON of a holder, as the marker stores it and drill reads it.
function ConvertTo-DrillHolderJson {
    param($Holder)
    ConvertTo-Json -Compress -InputObject ([ordered]@{
            runId     = $Holder.runId
            owner     = $Holder.owner
            pid       = $Holder.pid
            host      = $Holder.host
            expiresAt = Format-DrillTime $Holder.expiresAt
        })
}

# Creates the marker only if there is none; $true when this call created it (one winner among racers).
function New-DrillMarker {
    param([string]$Text)
    if ($null -ne $markerPath) {
        try {
            $stream = [System.IO.File]::Open($markerPath, [System.IO.FileMode]::CreateNew, [System.IO.FileAccess]::Write, [System.IO.FileShare]::None)
        } catch {
            if ([System.IO.File]::Exists($markerPath)) { return $false }
            throw
        }
        try {
            $bytes = $utf8.GetBytes($Text)
            $stream.Write($bytes, 0, $bytes.Length)
            $stream.Flush($true)
        } finally {
            $stream.Dispose()
        }
        return $true
    }
    # Without a CSV: compare-and-set under read-back (a cluster parameter has no create-if-absent).
    if ($null -ne (Read-DrillMarker)) { return $false }
    $exists = $null -ne (Get-Cluster | Get-ClusterParameter -Name $parameterName -ErrorAction SilentlyContinue)
    if ($exists) {
        Get-Cluster | Set-ClusterParameter -Name $parameterName -Value $Text -WarningAction SilentlyContinue | Out-Null
    } else {
        Get-Cluster | Set-ClusterParameter -Name $parameterName -Value $Text -Create -WarningAction SilentlyContinue | Out-Null
    }
    Start-Sleep -Milliseconds 500
    $readBack = Read-DrillMarker
    $null -ne $readBack -and $readBack.text -eq $Text
}

# Replaces the marker's content in one step (a reader sees the old or the new text, never half of one).
function Set-DrillMarker {
    param([string]$Text)
    if ($null -eq $markerPath) {
        Get-Cluster | Set-ClusterParameter -Name $parameterName -Value $Text -WarningAction SilentlyContinue | Out-Null
        return
    }
    $temp = Join-Path $folder ('drill-lock.' + [Guid]::NewGuid().ToString('N') + '.tmp')
    [System.IO.File]::WriteAllText($temp, $Text, $utf8)
    [System.IO.File]::Replace($temp, $markerPath, $null)
}

function Remove-DrillMarker {
    if ($null -eq $markerPath) { Get-Cluster | Set-ClusterParameter -Name $parameterName -Delete -WarningAction SilentlyContinue | Out-Null; return }
    [System.IO.File]::Delete($markerPath)
}

# Moves a stale marker aside as drill-lock.<runId>.<random>.stale; only one renamer wins. A marker that
# turns out to be fresh (rewritten after it was judged stale) is put back.
function Move-DrillStaleMarker {
    param([string]$StaleText, [string]$StaleRunId)
    if ($null -eq $markerPath) {
        $current = Read-DrillMarker
        if ($null -ne $current -and $current.text -eq $StaleText) { Remove-DrillMarker }
        return
    }
    $name = 'drill-lock.' + ($StaleRunId -replace '[^A-Za-z0-9._-]', '_') + '.' + [Guid]::NewGuid().ToString('N').Substring(0, 8) + '.stale'
    $aside = Join-Path $folder $name
    try { [System.IO.File]::Move($markerPath, $aside) } catch { return }
    if ([System.IO.File]::ReadAllText($aside, $utf8) -ne $StaleText) {
        # If yet another marker is in place by now, this one stays aside: the newer holder keeps the lock.
        try { [System.IO.File]::Move($aside, $markerPath) } catch { $null = $_ }
    }
}

# The answer drill reads.
function Write-DrillLockAnswer {
    param([bool]$Acquired, [bool]$Released, $Holder)
    $holderJson = if ($null -eq $Holder) { 'null' } else { ConvertTo-DrillHolderJson $Holder }
    '{"acquired":' + $Acquired.ToString().ToLowerInvariant() + ',"released":' + $Released.ToString().ToLowerInvariant() +
    ',"holder":' + $holderJson + ',"where":' + (ConvertTo-Json -InputObject ([string]$where) -Compress) + '}'
}

# A marker that does not parse: being written right now (a holder), or left broken (stale).
$writing = [ordered]@{ runId = '?'; owner = 'a drill that is writing the lock'; pid = [long]0; host = ''; expiresAt = [DateTime]::UtcNow.AddSeconds($unfinishedGraceSeconds) }

switch ($Operation) {
    'acquire' {
        $mine = [ordered]@{ runId = $RunId; owner = $Owner; pid = $DrillPid; host = $DrillHost; expiresAt = [DateTime]::UtcNow.AddMilliseconds($LeaseMs) }
        $last = $null
        for ($round = 0; $round -lt 5; $round++) {
            if (New-DrillMarker -Text (ConvertTo-DrillHolderJson $mine)) { return Write-DrillLockAnswer -Acquired $true -Released $false -Holder $mine }
            $marker = Read-DrillMarker
            if ($null -eq $marker) { continue }
            $holder = ConvertFrom-DrillMarker -Marker $marker
            if ($null -eq $holder) {
                if ($marker.ageSeconds -lt $unfinishedGraceSeconds) { return Write-DrillLockAnswer -Acquired $false -Released $false -Holder $writing }
                Move-DrillStaleMarker -StaleText $marker.text -StaleRunId 'unreadable'
                continue
            }
            $last = $holder
            if ($holder.runId -eq $RunId) {
                Set-DrillMarker -Text (ConvertTo-DrillHolderJson $mine)
                return Write-DrillLockAnswer -Acquired $true -Released $false -Holder $mine
            }
            $dead = $DeadRunId -ne '' -and $holder.runId -eq $DeadRunId
            if (-not $dead -and $holder.expiresAt -gt [DateTime]::UtcNow) { return Write-DrillLockAnswer -Acquired $false -Released $false -Holder $holder }
            Move-DrillStaleMarker -StaleText $marker.text -StaleRunId $holder.runId
        }
        if ($null -eq $last) { $last = $writing }
        Write-DrillLockAnswer -Acquired $false -Released $false -Holder $last
    }
    'renew' {
        $marker = Read-DrillMarker
        $holder = if ($null -eq $marker) { $null } else { ConvertFrom-DrillMarker -Marker $marker }
        if ($null -eq $holder -or $holder.runId -ne $RunId) { return Write-DrillLockAnswer -Acquired $false -Released $false -Holder $holder }
        $holder.expiresAt = [DateTime]::UtcNow.AddMilliseconds($LeaseMs)
        Set-DrillMarker -Text (ConvertTo-DrillHolderJson $holder)
        Write-DrillLockAnswer -Acquired $true -Released $false -Holder $holder
    }
    'release' {
        $marker = Read-DrillMarker
        $holder = if ($null -eq $marker) { $null } else { ConvertFrom-DrillMarker -Marker $marker }
        if ($null -eq $holder -or $holder.runId -ne $RunId) { return Write-DrillLockAnswer -Acquired $false -Released $false -Holder $holder }
        Remove-DrillMarker
        Write-DrillLockAnswer -Acquired $false -Released $true -Holder $null
    }
}
