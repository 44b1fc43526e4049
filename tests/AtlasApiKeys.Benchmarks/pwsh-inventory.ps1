# The organization's key inventory in pwsh, on the stub server (loopback) with injected latency: one
# organization listing (Get-AtlasOrgApiKey) against a listing of every project (Get-AtlasProjectApiKey
# -ProjectId <all>, -ThrottleLimit 1 and 8). Requests sent and time, as ratios of the same run, medians
# of interleaved rounds. No Pester. From the repository root:
#   dotnet tool restore; dotnet pwsh ./build.ps1 -Task Build
#   dotnet pwsh tests/AtlasApiKeys.Benchmarks/pwsh-inventory.ps1 [-Projects 50] [-Keys 200] [-LatencyMs 20] [-Rounds 7]
# The stub grows its demo organization to -Projects projects and -Keys keys (--inventory), each added key
# on two projects. Absolute times move with the machine's load; the ratios are the figures.
[CmdletBinding()]
param(
    [ValidateRange(4, 500)] [int] $Projects = 50,
    [ValidateRange(7, 500)] [int] $Keys = 200,
    [ValidateRange(0, 1000)] [int] $LatencyMs = 20,
    [ValidateRange(1, 100)] [int] $Rounds = 7,
    # Another build of the module to measure (default: the one ./build.ps1 laid out in out/).
    [string] $Manifest
)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
. (Join-Path $root 'tests/Pester/common.ps1')
$manifest = if ($Manifest) { (Resolve-Path $Manifest).Path } else { Get-AtlasModuleManifest }

. (Join-Path $PSScriptRoot 'bench-common.ps1')

$loadBefore = Get-LoadAverage
$stub = Start-AtlasStub -Arguments '--inventory', "$Projects,$Keys"
try {
    Import-Module $manifest -Force
    $base = $stub.BaseUri.ToString().TrimEnd('/')
    Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $stub.Production -OrgId $stub.OrgId
    $groups = Invoke-RestMethod -Uri "$base/api/atlas/v2/groups?itemsPerPage=500" -Credential $stub.Credential -AllowUnencryptedAuthentication -Headers @{ Accept = 'application/vnd.atlas.2023-01-01+json' }
    $projectIds = @($groups.results.id)
    if ($projectIds.Count -ne $Projects) { throw "The organization has $($projectIds.Count) projects, not $Projects." }

    $inventory = [ordered]@{
        'Get-AtlasOrgApiKey'                                 = { Get-AtlasOrgApiKey }
        'Get-AtlasProjectApiKey, every project, ThrottleLimit 1' = { Get-AtlasProjectApiKey -ProjectId $projectIds -ThrottleLimit 1 }
        'Get-AtlasProjectApiKey, every project, ThrottleLimit 8' = { Get-AtlasProjectApiKey -ProjectId $projectIds -ThrottleLimit 8 }
    }

    # The same inventory both ways: every (key, project) pair with its roles.
    $pairs = { param($objects) @($objects | ForEach-Object { if ($_ -is [AtlasApiKeys.Core.Model.OrgApiKey]) { foreach ($a in $_.Assignments) { "$($a.Id) $($a.ProjectId) $($a.Roles -join ',')" } } else { "$($_.Id) $($_.ProjectId) $($_.Roles -join ',')" } } | Sort-Object) }
    $fromOrg = & $pairs (& $inventory['Get-AtlasOrgApiKey'])
    $fromProjects = & $pairs (& $inventory['Get-AtlasProjectApiKey, every project, ThrottleLimit 8'])
    if ($fromOrg.Count -eq 0 -or (Compare-Object $fromOrg $fromProjects)) { throw "The two inventories differ ($($fromOrg.Count) and $($fromProjects.Count) pairs)." }
    $keyCount = @(Get-AtlasOrgApiKey).Count
    if ($keyCount -ne $Keys) { throw "The organization has $keyCount keys, not $Keys." }

    $null = Invoke-RestMethod -Method Put -Uri "$base/_stub/latency" -Body "{`"milliseconds`":$LatencyMs}" -ContentType 'application/json'
    $times = [ordered]@{}
    $requests = [ordered]@{}
    foreach ($name in $inventory.Keys) { $times[$name] = [Collections.Generic.List[double]]::new(); $requests[$name] = [Collections.Generic.List[double]]::new() }
    for ($r = 0; $r -lt $Rounds; $r++) {
        foreach ($name in $inventory.Keys) {
            $before = @(Get-AtlasStubRequest $stub).Count
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $null = & $inventory[$name]
            $times[$name].Add($watch.Elapsed.TotalMilliseconds)
            $requests[$name].Add(@(Get-AtlasStubRequest $stub).Count - $before)
        }
    }
    $null = Invoke-RestMethod -Method Put -Uri "$base/_stub/latency" -Body '{"milliseconds":0}' -ContentType 'application/json'

    "## Inventory of an organization of $Projects projects and $Keys keys ($($fromOrg.Count) key-project assignments), $LatencyMs ms added to every exchange, median of $Rounds interleaved rounds"
    ''
    '| command | API requests | ms | requests over Get-AtlasOrgApiKey | time over Get-AtlasOrgApiKey |'
    '|---|---:|---:|---:|---:|'
    $org = 'Get-AtlasOrgApiKey'
    foreach ($name in $inventory.Keys) {
        $n = Get-Median $requests[$name]
        $ms = Get-Median $times[$name]
        $overRequests = if ($name -eq $org) { '-' } else { '{0:0.0}x' -f ($n / (Get-Median $requests[$org])) }
        # Time ratio: the median of each round's ratio to that round's organization listing (paired).
        $overTime = if ($name -eq $org) { '-' } else { '{0:0.0}x' -f (Get-Median (0..($Rounds - 1) | ForEach-Object { $times[$name][$_] / $times[$org][$_] })) }
        '| {0} | {1:0} | {2:0} | {3} | {4} |' -f $name, $n, $ms, $overRequests, $overTime
    }
    ''
    "Machine: $([Environment]::ProcessorCount) cores, load average $loadBefore before and $(Get-LoadAverage) after; PowerShell $($PSVersionTable.PSVersion), .NET $([Environment]::Version)."
}
finally {
    if (Get-Command Disconnect-Atlas -ErrorAction SilentlyContinue) { Disconnect-Atlas }
    Stop-AtlasStub $stub
}
