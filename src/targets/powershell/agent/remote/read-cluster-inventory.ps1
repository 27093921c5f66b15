# Runs on the coordinator node: cluster settings, the cluster network interfaces of every node, and the
# VM groups with their owners. Durations keep their unit in the field name.
function ConvertTo-DrillClusterSettings {
    param($Cluster)
    [ordered]@{
        name                     = [string]$Cluster.Name
        resiliencyLevel          = [int]$Cluster.ResiliencyLevel
        resiliencyLevelName      = [string]$Cluster.ResiliencyLevel
        resiliencyDefaultPeriodS = [long]$Cluster.ResiliencyDefaultPeriod
        quarantineThreshold      = [int]$Cluster.QuarantineThreshold
        quarantineDurationS      = [long]$Cluster.QuarantineDuration
        sameSubnetDelayMs        = [long]$Cluster.SameSubnetDelay
        sameSubnetThreshold      = [int]$Cluster.SameSubnetThreshold
        crossSubnetThreshold     = [int]$Cluster.CrossSubnetThreshold
    }
}

function ConvertTo-DrillNetworkInterface {
    param($NetworkInterface)
    [ordered]@{
        node    = [string]$NetworkInterface.Node
        network = [string]$NetworkInterface.Network
        adapter = [string]$NetworkInterface.Adapter
    }
}

$vmGroupType = 111
$inventory = [ordered]@{
    cluster    = ConvertTo-DrillClusterSettings -Cluster (Get-Cluster -ErrorAction Stop)
    nodes      = @(Get-ClusterNode -ErrorAction Stop | ForEach-Object { [string]$_.Name })
    interfaces = @(Get-ClusterNetworkInterface -ErrorAction Stop | ForEach-Object { ConvertTo-DrillNetworkInterface -NetworkInterface $_ })
    groups     = @(Get-ClusterGroup -ErrorAction Stop | Where-Object { [int]$_.GroupType -eq $vmGroupType } | ForEach-Object { [ordered]@{ name = [string]$_.Name; ownerNode = [string]$_.OwnerNode.Name } })
}
ConvertTo-Json -InputObject $inventory -Depth 4 -Compress
