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

# The agent's functions: sessions and coordinators, then the operations. Constant files of the package.
. (Join-Path $AgentDirectory 'lib/drill-sessions.ps1')
. (Join-Path $AgentDirectory 'lib/drill-operations.ps1')

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
            'observe' { Write-DrillResult -Id $id -ResultJson (Get-DrillObservation -Parameters $parameters) }
            'inject' { Write-DrillResult -Id $id -ResultJson (Invoke-DrillStep -Parameters $parameters) }
            'act' { Write-DrillResult -Id $id -ResultJson (Invoke-DrillStep -Parameters $parameters) }
            'undo' { Write-DrillResult -Id $id -ResultJson (Invoke-DrillStep -Parameters $parameters) }
            'lock-acquire' { Write-DrillResult -Id $id -ResultJson (Invoke-DrillLock -Operation 'acquire' -Parameters $parameters) }
            'lock-renew' { Write-DrillResult -Id $id -ResultJson (Invoke-DrillLock -Operation 'renew' -Parameters $parameters) }
            'lock-release' { Write-DrillResult -Id $id -ResultJson (Invoke-DrillLock -Operation 'release' -Parameters $parameters) }
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
