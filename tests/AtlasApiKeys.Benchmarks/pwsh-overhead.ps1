# Times Import-Module of the built module and the per-object overhead of Get-AtlasProjectApiKey over
# the Core call it wraps, against the stub server. No Pester. Run by the benchmark program when pwsh
# is on PATH; it prints "skipped: no pwsh" otherwise.
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../../../../..')).Path   # from bin/<configuration>/net10.0
if (-not (Test-Path (Join-Path $root 'AtlasApiKeys.sln'))) { $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path }
. (Join-Path $root 'tests/Pester/common.ps1')
$manifest = Get-AtlasModuleManifest

$import = Measure-Command { Import-Module $manifest -Force }
$stub = Start-AtlasStub -BulkKeys 2000
try {
    Connect-AtlasStub $stub
    $null = Get-AtlasProjectApiKey -ProjectId $stub.Bulk   # warm
    $small = Measure-Command { for ($i = 0; $i -lt 20; $i++) { $null = Get-AtlasProjectApiKey } }
    $big = Measure-Command { for ($i = 0; $i -lt 5; $i++) { $null = Get-AtlasProjectApiKey -ProjectId $stub.Bulk } }
    $perCallSmall = $small.TotalMilliseconds / 20
    $perCallBig = $big.TotalMilliseconds / 5
    "| measure | value |"
    "|---|---:|"
    "| Import-Module | {0:0.0} ms |" -f $import.TotalMilliseconds
    "| Get-AtlasProjectApiKey, 3 keys, per call | {0:0.00} ms |" -f $perCallSmall
    "| Get-AtlasProjectApiKey, 2,000 keys, per call | {0:0.0} ms |" -f $perCallBig
    "| per key written to the pipeline | {0:0.00} µs |" -f ((($perCallBig - $perCallSmall) / 1997) * 1000)
    ""
    "Core's own cost per key is in the BenchmarkDotNet listing table (ListAsync, 10,000 keys); the difference is the cmdlet's per-object overhead."
}
finally {
    Disconnect-Atlas
    Stop-AtlasStub $stub
}
