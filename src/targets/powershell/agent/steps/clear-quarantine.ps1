# Action clear-quarantine: lift the node's quarantine so it may rejoin (Start-ClusterNode -ClearQuarantine).
# Runs on the node itself. A node whose service runs and which is not quarantined (flag 2) is left alone.
param(
    [Parameter(Mandatory = $true)][string]$Node
)
$quarantinedFlag = 2
$service = Get-Service -Name 'ClusSvc' -ErrorAction Stop
if ($service.Status -eq 'Running') {
    $self = Get-ClusterNode -Name $Node -ErrorAction SilentlyContinue
    if ($null -ne $self -and (([int]$self.StatusInformation) -band $quarantinedFlag) -eq 0) {
        return [pscustomobject]@{ changed = $false; message = "$Node is not quarantined" }
    }
}
Start-ClusterNode -Name $Node -ClearQuarantine -Wait 0 -ErrorAction Stop | Out-Null
[pscustomobject]@{ changed = $true; message = "cleared the quarantine of $Node; it is joining" }
