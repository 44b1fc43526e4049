# The module against Invoke-RestMethod in pwsh, on the stub server (loopback), every figure a ratio
# measured in the same run, rounds interleaved. No Pester. From the repository root:
#   dotnet tool restore; dotnet pwsh ./build.ps1 -Task Build
#   dotnet pwsh tests/AtlasApiKeys.Benchmarks/pwsh-overhead.ps1 [-ColdRounds 7] [-LatencyMs 20]
# Cold: fresh `pwsh -NoProfile -NonInteractive` processes with the MONGODB_ATLAS_* variables (bare pwsh,
# Import-Module alone, the module's first call, Invoke-RestMethod's first call), digest and service
# account. Warm and latency: per call in this process. Listing: per object of a 2,000-key project.
# -Manifest measures another build (say, main's) the same way; -Baseline adds another build's first calls to the same cold rounds. Absolute times move with the machine's load; the ratios of interleaved rounds are the figures.
[CmdletBinding()]
param(
    [ValidateRange(1, 100)] [int] $ColdRounds = 7,
    # Each cold round runs its rows in an order drawn from this seed, so no row always follows the same one.
    [int] $Seed = 12,
    [ValidateRange(1, 100)] [int] $WarmRounds = 7,
    [ValidateRange(1, 10000)] [int] $WarmCalls = 100,
    [ValidateRange(1, 1000)] [int] $LatencyMs = 20,
    [ValidateRange(1, 1000)] [int] $LatencyCalls = 10,
    [ValidateRange(1, 100)] [int] $ListingRounds = 5,
    # Another build of the module to measure (default: the one ./build.ps1 laid out in out/).
    [string] $Manifest,
    # Another build measured in the same cold rounds, interleaved with this one (say, main's before a change).
    [string] $Baseline,
    # Only the cold runbook table.
    [switch] $ColdOnly
)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
if (-not (Test-Path (Join-Path $root 'AtlasApiKeys.sln'))) { $root = (Resolve-Path (Join-Path $PSScriptRoot '../../../../..')).Path }   # from bin/<configuration>/net10.0
. (Join-Path $root 'tests/Pester/common.ps1')
$manifest = if ($Manifest) { (Resolve-Path $Manifest).Path } else { Get-AtlasModuleManifest }
$media = 'application/vnd.atlas.2023-01-01+json'

. (Join-Path $PSScriptRoot 'bench-common.ps1')

function Measure-Ms([scriptblock] $Block) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = & $Block
    $watch.Elapsed.TotalMilliseconds
}

# Rounds of named script blocks, interleaved (a, b, c, a, b, c, ...); the median of each, divided by $Per.
function Measure-Interleaved([System.Collections.Specialized.OrderedDictionary] $Blocks, [int] $Rounds, [int] $Per = 1) {
    $times = [ordered]@{}
    foreach ($name in $Blocks.Keys) { $times[$name] = [Collections.Generic.List[double]]::new() }
    for ($r = 0; $r -lt $Rounds; $r++) {
        foreach ($name in $Blocks.Keys) { $times[$name].Add((Measure-Ms $Blocks[$name]) / $Per) }
    }
    $result = [ordered]@{}
    foreach ($name in $Blocks.Keys) { $result[$name] = Get-Median $times[$name] }
    $result
}

# --- Cold: child processes -------------------------------------------------------------------------
function Invoke-Cold([string] $Command, [hashtable] $Environment) {
    # The child ends by printing the processor time it used: on a shared machine the wall time moves with
    # everyone's load, the processor time far less.
    $full = "$Command; 'cpu=' + [int][Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds"
    $start = New-PwshChild $full $Environment
    $start.RedirectStandardError = $true
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($start)
    $errors = $process.StandardError.ReadToEndAsync()
    $out = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    $ms = $watch.Elapsed.TotalMilliseconds
    if ($process.ExitCode -ne 0 -or $errors.Result.Trim()) { throw "A cold run failed ($Command): exit $($process.ExitCode) $($errors.Result)$out" }
    $lines = @($out.Trim() -split '\r?\n')
    [pscustomobject]@{ Ms = $ms; Cpu = [double]($lines[-1] -replace '^cpu=', ''); Output = ($lines[0..($lines.Count - 2)] -join "`n").Trim() }
}

$emptyModule = New-EmptyBinaryModule
$httpModule = New-EmptyBinaryModule -HttpRequest
$stub = Start-AtlasStub -BulkKeys 2000
try {
    $base = $stub.BaseUri.ToString().TrimEnd('/')
    $digestEnv = Get-AtlasStubEnvironment $stub
    $accountEnv = Get-AtlasStubEnvironment $stub -ServiceAccount
    $listUri = "$base/api/atlas/v2/groups/$($stub.Production)/apiKeys"
    $import = "Import-Module '$manifest'"
    # Each first call must have listed the project's 3 keys: the child prints the count and is checked.
    $irmDigest = '$c = [pscredential]::new($env:MONGODB_ATLAS_PUBLIC_API_KEY, (ConvertTo-SecureString $env:MONGODB_ATLAS_PRIVATE_API_KEY -AsPlainText -Force)); ' +
        "@((Invoke-RestMethod -Uri '$listUri' -Credential `$c -AllowUnencryptedAuthentication -Headers @{ Accept = '$media' }).results).Count"
    $irmAccount = '$c = [pscredential]::new($env:MONGODB_ATLAS_CLIENT_ID, (ConvertTo-SecureString $env:MONGODB_ATLAS_CLIENT_SECRET -AsPlainText -Force)); ' +
        "`$t = Invoke-RestMethod -Method Post -Uri '$base/api/oauth/token' -Body @{ grant_type = 'client_credentials' } -Authentication Basic -Credential `$c -AllowUnencryptedAuthentication; " +
        "@((Invoke-RestMethod -Uri '$listUri' -Headers @{ Accept = '$media'; Authorization = 'Bearer ' + `$t.access_token }).results).Count"
    $prelude = 'a cmdlet of PowerShell''s own (`Write-Output 1`)'
    $cold = [ordered]@{
        'bare pwsh (`1`)'                                   = @{ Command = '1'; Environment = $digestEnv; Expect = '1' }
        'Import-Module alone'                               = @{ Command = "$import; 1"; Environment = $digestEnv; Expect = '1' }
        'an empty one-cmdlet binary module: import and first call' = @{ Command = "Import-Module '$emptyModule'; Get-EmptyBinaryOne"; Environment = $digestEnv; Expect = '1' }
        'the same module, its cmdlet sending one HttpClient request' = @{ Command = "Import-Module '$httpModule'; Get-EmptyBinaryOne"; Environment = $digestEnv; Expect = '1' }
        'module first call, digest'                         = @{ Command = "$import; @(Get-AtlasProjectApiKey).Count"; Environment = $digestEnv; Expect = '3' }
        'Invoke-RestMethod first call, digest (-Credential)' = @{ Command = $irmDigest; Environment = $digestEnv; Expect = '3' }
        'module first call, service account'                = @{ Command = "$import; @(Get-AtlasProjectApiKey).Count"; Environment = $accountEnv; Expect = '3' }
        'Invoke-RestMethod first call, service account (token, then bearer)' = @{ Command = $irmAccount; Environment = $accountEnv; Expect = '3' }
        # A runbook rarely calls nothing else: bare `1` invokes no cmdlet, so it skips what PowerShell does for its
        # first one (autoloading Microsoft.PowerShell.Utility, the first culture-aware case-insensitive compare).
        # These rows are "over" that runbook's own first cmdlet instead of bare pwsh.
        $prelude                                             = @{ Command = 'Write-Output 1'; Environment = $digestEnv; Expect = '1' }
        "after it, module first call, digest"                = @{ Command = "`$null = Write-Output 1; $import; @(Get-AtlasProjectApiKey).Count"; Environment = $digestEnv; Expect = '3'; Over = $prelude }
        "after it, module first call, service account"       = @{ Command = "`$null = Write-Output 1; $import; @(Get-AtlasProjectApiKey).Count"; Environment = $accountEnv; Expect = '3'; Over = $prelude }
        "after it, Invoke-RestMethod first call, digest"     = @{ Command = "`$null = Write-Output 1; $irmDigest"; Environment = $digestEnv; Expect = '3'; Over = $prelude }
    }
    if ($Baseline) {
        $baselineImport = "Import-Module '$((Resolve-Path $Baseline).Path)'"
        $cold['baseline first call, digest'] = @{ Command = "$baselineImport; @(Get-AtlasProjectApiKey).Count"; Environment = $digestEnv; Expect = '3' }
        $cold['baseline first call, service account'] = @{ Command = "$baselineImport; @(Get-AtlasProjectApiKey).Count"; Environment = $accountEnv; Expect = '3' }
    }
    $coldTimes = [ordered]@{}
    $coldCpu = [ordered]@{}
    foreach ($name in $cold.Keys) { $coldTimes[$name] = [Collections.Generic.List[double]]::new(); $coldCpu[$name] = [Collections.Generic.List[double]]::new() }
    $null = Invoke-Cold '1' $digestEnv   # the first process of a run pays for the disk cache
    # A fixed order let one row always follow the same other (the module's service-account call always came
    # after Invoke-RestMethod's digest call): each round draws its own order instead.
    $random = [Random]::new($Seed)
    for ($r = 0; $r -lt $ColdRounds; $r++) {
        foreach ($name in @($cold.Keys | Sort-Object { $random.Next() })) {
            $run = Invoke-Cold $cold[$name].Command $cold[$name].Environment
            if ($run.Output -ne $cold[$name].Expect) { throw "$name printed '$($run.Output)', not '$($cold[$name].Expect)'." }
            $coldTimes[$name].Add($run.Ms)
            $coldCpu[$name].Add($run.Cpu)
        }
    }
    $peer = @{
        'module first call, digest'          = 'Invoke-RestMethod first call, digest (-Credential)'
        'module first call, service account' = 'Invoke-RestMethod first call, service account (token, then bearer)'
        'baseline first call, digest'          = 'Invoke-RestMethod first call, digest (-Credential)'
        'baseline first call, service account' = 'Invoke-RestMethod first call, service account (token, then bearer)'
        'after it, module first call, digest' = 'after it, Invoke-RestMethod first call, digest'
    }
    "## Cold runbook: fresh ``pwsh -NoProfile -NonInteractive -Command ...``, median of $ColdRounds interleaved rounds (each in its own order, seed $Seed)"
    ''
    '| command | wall ms | over bare pwsh | processor ms | over bare pwsh | wall over Invoke-RestMethod''s first call |'
    '|---|---:|---:|---:|---:|---:|'
    foreach ($name in $cold.Keys) {
        $median = Get-Median $coldTimes[$name]
        $cpu = Get-Median $coldCpu[$name]
        $bare_ = $name -like 'bare*'
        # "over bare pwsh": the median of each round's difference to that round's bare pwsh (paired); the rows
        # "after it" are over the runbook's first cmdlet instead, and say so.
        $against = if ($cold[$name].Over) { $cold[$name].Over } else { 'bare pwsh (`1`)' }
        $over = if ($bare_) { '-' } else { '+{0:0}' -f (Get-Median (0..($ColdRounds - 1) | ForEach-Object { $coldTimes[$name][$_] - $coldTimes[$against][$_] })) }
        $overCpu = if ($bare_) { '-' } else { '+{0:0}' -f (Get-Median (0..($ColdRounds - 1) | ForEach-Object { $coldCpu[$name][$_] - $coldCpu[$against][$_] })) }
        if ($cold[$name].Over) { $over += ' over it'; $overCpu += ' over it' }
        $ratio = if ($peer[$name]) { '{0:0.00}x' -f ($median / (Get-Median $coldTimes[$peer[$name]])) } else { '' }
        '| {0} | {1:0} | {2} | {3:0} | {4} | {5} |' -f $name, $median, $over, $cpu, $overCpu, $ratio
    }
    ''

    "Load average after the cold runs: $(Get-LoadAverage)."
    ''
    if ($ColdOnly) { return }

    # --- Warm and latency: per call in this process ---------------------------------------------------
    Import-Module $manifest -Force
    $credential = $stub.Credential
    $headers = @{ Accept = $media }
    $webSession = $null
    $null = Invoke-RestMethod -Uri $listUri -Credential $credential -AllowUnencryptedAuthentication -Headers $headers -SessionVariable webSession
    Connect-AtlasStub $stub
    $token = (Invoke-RestMethod -Method Post -Uri "$base/api/oauth/token" -Body @{ grant_type = 'client_credentials' } -Authentication Basic -Credential $stub.ServiceAccount -AllowUnencryptedAuthentication).access_token
    $account = Connect-Atlas -BaseUri $stub.BaseUri -ServiceAccount $stub.ServiceAccount -ProjectId $stub.Production -PassThru
    $bearer = @{ Accept = $media; Authorization = "Bearer $token" }
    $bearerSession = $null
    $null = Invoke-RestMethod -Uri $listUri -Headers $bearer -SessionVariable bearerSession

    function Get-PerCall([int] $Calls, [int] $Rounds) {
        Measure-Interleaved -Rounds $Rounds -Per $Calls ([ordered]@{
            'module, digest'                       = { for ($i = 0; $i -lt $Calls; $i++) { $null = Get-AtlasProjectApiKey } }
            'Invoke-RestMethod -Credential'        = { for ($i = 0; $i -lt $Calls; $i++) { $null = Invoke-RestMethod -Uri $listUri -Credential $credential -AllowUnencryptedAuthentication -Headers $headers } }
            'Invoke-RestMethod -Credential -WebSession' = { for ($i = 0; $i -lt $Calls; $i++) { $null = Invoke-RestMethod -Uri $listUri -Credential $credential -AllowUnencryptedAuthentication -Headers $headers -WebSession $webSession } }
            'module, service account'              = { for ($i = 0; $i -lt $Calls; $i++) { $null = Get-AtlasProjectApiKey -Session $account } }
            'Invoke-RestMethod, bearer'            = { for ($i = 0; $i -lt $Calls; $i++) { $null = Invoke-RestMethod -Uri $listUri -Headers $bearer } }
            'Invoke-RestMethod, bearer -WebSession' = { for ($i = 0; $i -lt $Calls; $i++) { $null = Invoke-RestMethod -Uri $listUri -Headers $bearer -WebSession $bearerSession } }
        })
    }

    function Write-PerCall($Result, [string] $Title) {
        $Title
        ''
        '| client | ms per call | module over it |'
        '|---|---:|---:|'
        foreach ($name in $Result.Keys) {
            $ours = if ($name -like '*bearer*') { $Result['module, service account'] } else { $Result['module, digest'] }
            $ratio = if ($name -like 'module*') { '-' } else { '{0:0.00}x' -f ($ours / $Result[$name]) }
            '| {0} | {1:0.00} | {2} |' -f $name, $Result[$name], $ratio
        }
        ''
    }

    $null = Get-PerCall 5 1   # warm-up
    Write-PerCall (Get-PerCall $WarmCalls $WarmRounds) "## Warm: one listing call (3 keys), median of $WarmRounds interleaved rounds of $WarmCalls calls"
    $null = Invoke-RestMethod -Method Put -Uri "$base/_stub/latency" -Body "{`"milliseconds`":$LatencyMs}" -ContentType 'application/json'
    try {
        Write-PerCall (Get-PerCall $LatencyCalls $WarmRounds) "## The same with $LatencyMs ms added to every exchange (the stub waits before it answers), median of $WarmRounds rounds of $LatencyCalls calls"
    }
    finally {
        $null = Invoke-RestMethod -Method Put -Uri "$base/_stub/latency" -Body '{"milliseconds":0}' -ContentType 'application/json'
    }

    # --- Large listing: per object ----------------------------------------------------------------------
    $bulkUri = "$base/api/atlas/v2/groups/$($stub.Bulk)/apiKeys"
    $irmPages = {
        param($Session)
        for ($page = 1; ; $page++) {
            $answer = Invoke-RestMethod -Uri "${bulkUri}?itemsPerPage=500&pageNum=$page" -Credential $credential -AllowUnencryptedAuthentication -Headers $headers -WebSession $Session
            $answer.results
            if (@($answer.results).Count -lt 500) { break }
        }
    }
    $check = @(& $irmPages $webSession).Count
    $ours = @(Get-AtlasProjectApiKey -ProjectId $stub.Bulk).Count
    if ($check -ne 2000 -or $ours -ne 2000) { throw "The bulk project listed $ours keys (module) and $check (Invoke-RestMethod), not 2000." }
    $listing = Measure-Interleaved -Rounds $ListingRounds ([ordered]@{
        'module'                                   = { Get-AtlasProjectApiKey -ProjectId $stub.Bulk | ForEach-Object { $null = $_ } }
        'Invoke-RestMethod -WebSession, 500 a page' = { & $irmPages $webSession | ForEach-Object { $null = $_ } }
    })
    "## Listing 2,000 keys through the pipeline (``... | ForEach-Object``), median of $ListingRounds interleaved rounds"
    ''
    '| client | ms per listing | µs per key | module over it |'
    '|---|---:|---:|---:|'
    foreach ($name in $listing.Keys) {
        $ratio = if ($name -eq 'module') { '-' } else { '{0:0.00}x' -f ($listing['module'] / $listing[$name]) }
        '| {0} | {1:0} | {2:0.0} | {3} |' -f $name, $listing[$name], ($listing[$name] * 1000 / 2000), $ratio
    }
    ''
    "Machine: $([Environment]::ProcessorCount) cores, load average $(Get-LoadAverage) at the end; PowerShell $($PSVersionTable.PSVersion), .NET $([Environment]::Version)."
}
finally {
    if (Get-Command Disconnect-Atlas -ErrorAction SilentlyContinue) { Disconnect-Atlas }
    if ($account) { $account.Dispose() }
    Stop-AtlasStub $stub
    foreach ($path in $emptyModule, $httpModule) { Remove-Item -Recurse -Force (Split-Path $path) -ErrorAction SilentlyContinue }
}
