# Where a runbook's cold first call spends its time: each row is a fresh `pwsh -NoProfile -NonInteractive`
# child that times itself with a stopwatch (so a process's start and exit, which move by tens of milliseconds
# from child to child, do not blur it), median of -Rounds interleaved rounds. Beside the module: an empty
# one-cmdlet binary module with and without a one-view format file (what PowerShell charges any module), the
# module without its format file, a bare HttpClient's first request from PowerShell (one exchange: what any
# HTTP client pays once a process), the first SHA-256 (the platform's crypto library loading), the module's assembly
# without its manifest, and the first case-insensitive string comparison with and without ICU. From the
# repository root, after ./build.ps1 -Task Build (any PowerShell: the dotnet tool's, or pwsh-readytorun.ps1's copy):
#   dotnet pwsh tests/AtlasApiKeys.Benchmarks/pwsh-anatomy.ps1 [-Rounds 9] [-Manifest <another build's .psd1>]
[CmdletBinding()]
param(
    [string] $Manifest,
    [ValidateRange(1, 50)] [int] $Rounds = 9,
    # Each round runs its rows in an order drawn from this seed, so no row always follows the same one.
    [int] $Seed = 12
)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
. (Join-Path $root 'tests/Pester/common.ps1')
. (Join-Path $PSScriptRoot 'bench-common.ps1')
$manifest = if ($Manifest) { (Resolve-Path $Manifest).Path } else { Get-AtlasModuleManifest }

# A child runs $Setup (timed as "import") then $Call (timed as "call") and prints "<count> <setup ms> <call ms>".
function Invoke-Timed([string] $Setup, [string] $Call, [hashtable] $Environment) {
    $command = "`$w = [Diagnostics.Stopwatch]::StartNew(); $Setup; `$s = `$w.Elapsed.TotalMilliseconds; `$n = $Call; [string]::Format([cultureinfo]::InvariantCulture, '{0} {1:0.0} {2:0.0}', `$n, `$s, (`$w.Elapsed.TotalMilliseconds - `$s))"
    $start = New-PwshChild $command $Environment
    $process = [Diagnostics.Process]::Start($start)
    $words = $process.StandardOutput.ReadToEnd().Trim() -split ' '
    $process.WaitForExit()
    $words
}

$empty = $emptyViews = $stub = $null
$noViews = Join-Path ([IO.Path]::GetTempPath()) "atlas-no-views-$([guid]::NewGuid().ToString('n'))"
try {
    $empty = New-EmptyBinaryModule
    $emptyViews = New-EmptyBinaryModule -FormatView
    # The module as built, its manifest without FormatsToProcess.
    Copy-Item -Recurse (Split-Path $manifest) $noViews
    $noViewsManifest = Join-Path $noViews (Split-Path -Leaf $manifest)
    $text = Get-Content -Raw $noViewsManifest
    $withoutViews = $text -replace '(?m)^\s*FormatsToProcess\s*=.*$', ''
    if ($withoutViews -eq $text) { throw "$manifest has no one-line FormatsToProcess to take out." }
    Set-Content $noViewsManifest -Value $withoutViews
    $stub = Start-AtlasStub
    $digest = Get-AtlasStubEnvironment $stub
    $account = Get-AtlasStubEnvironment $stub -ServiceAccount
    $list = "$($stub.BaseUri)api/atlas/v2/groups/$($stub.Production)/apiKeys"
    $rows = [ordered]@{
        'an empty one-cmdlet binary module'                     = @{ Setup = "Import-Module '$empty'"; Call = 'Get-EmptyBinaryOne'; Environment = $digest; Expect = '1' }
        'the same with a format file of one view'               = @{ Setup = "Import-Module '$emptyViews'"; Call = 'Get-EmptyBinaryOne'; Environment = $digest; Expect = '1' }
        'the module without its format file, digest'            = @{ Setup = "Import-Module '$noViewsManifest'"; Call = '@(Get-AtlasProjectApiKey).Count'; Environment = $digest; Expect = '3' }
        'the module, digest'                                    = @{ Setup = "Import-Module '$manifest'"; Call = '@(Get-AtlasProjectApiKey).Count'; Environment = $digest; Expect = '3' }
        'the module, service account'                           = @{ Setup = "Import-Module '$manifest'"; Call = '@(Get-AtlasProjectApiKey).Count'; Environment = $account; Expect = '3' }
        'HttpClient''s first request from PowerShell (one 401)' = @{ Setup = '$c = [Net.Http.HttpClient]::new()'; Call = "[int]`$c.GetAsync('$list').GetAwaiter().GetResult().StatusCode"; Environment = @{}; Expect = '401' }
        'the first SHA-256 from PowerShell'                     = @{ Setup = '$b = [byte[]]@(0)'; Call = '[Security.Cryptography.SHA256]::HashData($b).Length'; Environment = @{}; Expect = '32' }
        # The module's assembly without its manifest (nor format file); and the first culture-aware case-insensitive
        # comparison of a process (ICU builds a collator with .NET's rules), which bare `1` never makes and the
        # module's import does (the manifest's `$PSEdition -eq`, the CmdletsToExport filter), as does any cmdlet
        # called by name: beside it, the same in a child without ICU (invariant globalization).
        'the module''s assembly alone (no manifest), digest'     = @{ Setup = "Import-Module '$(Join-Path (Split-Path $manifest) 'net8.0/AtlasApiKeys.dll')'"; Call = '@(Get-AtlasProjectApiKey).Count'; Environment = $digest; Expect = '3' }
        'the first case-insensitive comparison (`''a'' -eq ''A''`)' = @{ Setup = '$a = ''a'''; Call = '[int]($a -eq ''A'')'; Environment = @{}; Expect = '1' }
        'the same without ICU (invariant globalization)'       = @{ Setup = '$a = ''a'''; Call = '[int]($a -eq ''A'')'; Environment = @{ DOTNET_SYSTEM_GLOBALIZATION_INVARIANT = '1' }; Expect = '1' }
    }
    $times = [ordered]@{}
    foreach ($name in $rows.Keys) { $times[$name] = @{ Setup = [Collections.Generic.List[double]]::new(); Call = [Collections.Generic.List[double]]::new() } }
    $null = Invoke-Timed '1' '1' @{}   # the first process of a run pays for the disk cache
    $random = [Random]::new($Seed)
    for ($r = 0; $r -lt $Rounds; $r++) {
        foreach ($name in @($rows.Keys | Sort-Object { $random.Next() })) {
            $row = $rows[$name]
            $words = Invoke-Timed $row.Setup $row.Call $row.Environment
            if ($words[0] -ne $row.Expect) { throw "$name printed '$($words -join ' ')', not '$($row.Expect)' first." }
            $times[$name].Setup.Add([double]$words[1])
            $times[$name].Call.Add([double]$words[2])
        }
    }
    "## Inside a cold child: PowerShell $($PSVersionTable.PSVersion) ($PSHOME), median of $Rounds interleaved rounds (each in its own order, seed $Seed)"
    ''
    '| child | Import-Module (or setup), ms | first call, ms |'
    '|---|---:|---:|'
    foreach ($name in $rows.Keys) { '| {0} | {1:0} | {2:0} |' -f $name, (Get-Median $times[$name].Setup), (Get-Median $times[$name].Call) }
    ''
    "Machine: $([Environment]::ProcessorCount) cores, load average $(Get-LoadAverage) at the end."
}
finally {
    if ($stub) { Stop-AtlasStub $stub }
    foreach ($path in @($empty, $emptyViews) -ne $null) { Remove-Item -Recurse -Force (Split-Path $path) -ErrorAction SilentlyContinue }
    Remove-Item -Recurse -Force $noViews -ErrorAction SilentlyContinue
}
