# Times Import-Module of the built module and the per-object overhead of Get-AtlasProjectApiKey over
# the Core call it wraps, against the stub server. No Pester. Run by the benchmark program when pwsh
# is on PATH; it prints "skipped: no pwsh" otherwise.
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../../../../..')).Path   # from bin/<configuration>/net10.0
if (-not (Test-Path (Join-Path $root 'AtlasApiKeys.sln'))) { $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path }
. (Join-Path $root 'tests/Pester/common.ps1')
$manifest = Get-AtlasModuleManifest

$import = Measure-Command { Import-Module $manifest -Force }
$stub = Start-AtlasStub
try {
    Connect-AtlasStub $stub
    $null = Get-AtlasProjectApiKey   # warm
    $runs = 50
    $cmdlet = Measure-Command { for ($i = 0; $i -lt $runs; $i++) { $null = Get-AtlasProjectApiKey } }
    $session = Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -PassThru
    $core = Measure-Command {
        for ($i = 0; $i -lt $runs; $i++) {
            $e = $session.ApiKeys.ListAsync($stub.Production, $null, [Threading.CancellationToken]::None).GetAsyncEnumerator([Threading.CancellationToken]::None)
            while ($e.MoveNextAsync().AsTask().GetAwaiter().GetResult()) { }
        }
    }
    "| measure | ms |"
    "|---|---:|"
    "| Import-Module | {0:0.0} |" -f $import.TotalMilliseconds
    "| Get-AtlasProjectApiKey (3 keys), per call | {0:0.00} |" -f ($cmdlet.TotalMilliseconds / $runs)
    "| Core ListAsync (3 keys), per call | {0:0.00} |" -f ($core.TotalMilliseconds / $runs)
    "| overhead per object | {0:0.000} |" -f (($cmdlet.TotalMilliseconds - $core.TotalMilliseconds) / ($runs * 3))
}
finally {
    Disconnect-Atlas
    Stop-AtlasStub $stub
}
