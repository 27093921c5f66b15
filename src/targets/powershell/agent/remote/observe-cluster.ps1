# Runs on the coordinator node: one reading of the cluster's nodes and VM groups (GroupType 111).
# Every enum leaves as [int] and [string] (Windows PowerShell 5.1 has no -EnumsAsStrings), the time as an
# ISO 8601 string; the result is JSON text, so nothing depends on remoting's serialization depth.
function ConvertTo-DrillNode {
    param($ClusterNode)
    [ordered]@{
        name                  = [string]$ClusterNode.Name
        state                 = [int]$ClusterNode.State
        stateName             = [string]$ClusterNode.State
        statusInformation     = [long]$ClusterNode.StatusInformation
        statusInformationName = [string]$ClusterNode.StatusInformation
        drainStatus           = [int]$ClusterNode.DrainStatus
        drainStatusName       = [string]$ClusterNode.DrainStatus
    }
}

function ConvertTo-DrillGroup {
    param($ClusterGroup)
    [ordered]@{
        name              = [string]$ClusterGroup.Name
        ownerNode         = [string]$ClusterGroup.OwnerNode.Name
        state             = [int]$ClusterGroup.State
        stateName         = [string]$ClusterGroup.State
        statusInformation = [long]$ClusterGroup.StatusInformation
        groupType         = [int]$ClusterGroup.GroupType
    }
}

$vmGroupType = 111
$reading = [ordered]@{
    takenAt     = (Get-Date).ToUniversalTime().ToString('o')
    coordinator = [string]$env:COMPUTERNAME
    nodes       = @(Get-ClusterNode -ErrorAction Stop | ForEach-Object { ConvertTo-DrillNode -ClusterNode $_ })
    groups      = @(Get-ClusterGroup -ErrorAction Stop | Where-Object { [int]$_.GroupType -eq $vmGroupType } | ForEach-Object { ConvertTo-DrillGroup -ClusterGroup $_ })
}
ConvertTo-Json -InputObject $reading -Depth 4 -Compress
