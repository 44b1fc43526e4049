# What a runbook's first call compiles: one fresh `pwsh -NoProfile -NonInteractive` child per build, with the
# runtime's JIT listing on (DOTNET_JitStdOutFile, DOTNET_JitDisasmSummary), against the stub. Counts, not times,
# so the machine's load does not move them much (PowerShell sometimes compiles a few hundred more methods for
# startup work of its own on another thread: run it twice). From the repository root, after ./build.ps1 -Task Build:
#   dotnet pwsh tests/AtlasApiKeys.Benchmarks/pwsh-jit.ps1 [-Baseline <another build's .psd1>] [-ServiceAccount] [-Rounds 2]
# Each round also times a child without the listing: Import-Module, the first call, and the compiling inside it.
[CmdletBinding()]
param(
    # The build to count (default: the one ./build.ps1 laid out in out/).
    [string] $Manifest,
    # Another build counted in the same rounds (say, main's before a change).
    [string] $Baseline,
    [switch] $ServiceAccount,
    [ValidateRange(1, 20)] [int] $Rounds = 2
)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
. (Join-Path $root 'tests/Pester/common.ps1')
$manifests = @($(if ($Manifest) { (Resolve-Path $Manifest).Path } else { Get-AtlasModuleManifest })) + @($(if ($Baseline) { (Resolve-Path $Baseline).Path }))
. (Join-Path $PSScriptRoot 'bench-common.ps1')
# Runs one child with the stub's variables (and $Extra), checks it listed the project's 3 keys, returns its words.
function Invoke-Child([string] $Command, [hashtable] $Extra) {
    $start = New-PwshChild $Command $environment
    foreach ($name in $Extra.Keys) { $start.Environment[$name] = $Extra[$name] }
    $process = [Diagnostics.Process]::Start($start)
    $words = $process.StandardOutput.ReadToEnd().Trim() -split ' '
    $process.WaitForExit()
    if ($words[0] -ne '3') { throw "The child listed $($words[0]) keys, not 3." }
    $words
}

$stub = Start-AtlasStub
try {
    $environment = if ($ServiceAccount) { Get-AtlasStubEnvironment $stub -ServiceAccount } else { Get-AtlasStubEnvironment $stub }
    '| build | round | methods compiled by the child (first tier) | the module''s own (AtlasApiKeys.*) | the runtime''s generics over the module''s types | at import (JitInfo) | at the first call (JitInfo) | import ms | first call ms | of it compiling ms |'
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
    for ($r = 1; $r -le $Rounds; $r++) {
        foreach ($path in $manifests) {
            $listing = [IO.Path]::GetTempFileName()
            Remove-Item $listing
            $command = "`$a = [System.Runtime.JitInfo]::GetCompiledMethodCount(); Import-Module '$path'; `$b = [System.Runtime.JitInfo]::GetCompiledMethodCount(); `$n = @(Get-AtlasProjectApiKey).Count; `$c = [System.Runtime.JitInfo]::GetCompiledMethodCount(); `"`$n `$(`$b - `$a) `$(`$c - `$b)`""
            $out = Invoke-Child $command @{ DOTNET_JitStdOutFile = $listing; DOTNET_JitDisasmSummary = '1' }
            # Tier1 and OSR lines are recompilations of hot methods (their number follows the time the child ran).
            $first = @(Get-Content $listing | Where-Object { $_ -notmatch 'Tier1|OSR' })
            Remove-Item $listing
            # "JIT compiled AtlasApiKeys.Core.X:M(...)": ours, which ReadyToRun code spares; "JIT compiled
            # System.Runtime.CompilerServices.AsyncTaskMethodBuilder...[AtlasApiKeys...]": the runtime's code
            # instantiated over our types (async state machines), which no image of ours can carry.
            $ours = @($first | Where-Object { $_ -match 'JIT compiled AtlasApiKeys' }).Count
            $generics = @($first | Where-Object { $_ -match 'AtlasApiKeys' -and $_ -notmatch 'JIT compiled AtlasApiKeys' }).Count
            # Times from a second child without the listing (writing it slows the JIT down): a stopwatch around
            # Import-Module and around the first call, and the runtime's own count of time spent compiling.
            $timed = "`$j = [System.Runtime.JitInfo]; `$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$path'; `$i = `$w.Elapsed.TotalMilliseconds; `$t = `$j::GetCompilationTime().TotalMilliseconds; `$n = @(Get-AtlasProjectApiKey).Count; '{0} {1:0} {2:0} {3:0}' -f `$n, `$i, (`$w.Elapsed.TotalMilliseconds - `$i), (`$j::GetCompilationTime().TotalMilliseconds - `$t)"
            $times = Invoke-Child $timed @{}
            '| {0} | {1} | {2} | {3} | {4} | +{5} | +{6} | {7} | {8} | {9} |' -f $path, $r, $first.Count, $ours, $generics, $out[1], $out[2], $times[1], $times[2], $times[3]
        }
    }
}
finally {
    Stop-AtlasStub $stub
}
