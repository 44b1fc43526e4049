# What the pwsh benchmark scripts share: a median, the machine's load average (reported beside every run,
# since the machine may be shared), how a child pwsh is started, and the empty binary modules of the floors.

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg) -replace '^(\S+ \S+ \S+).*', '$1' } else { 'unknown' }
}

# The floor: what any binary module with a manifest costs PowerShell here (one cmdlet that writes 1, no
# dependency), compiled with Add-Type into a new temporary folder; -FormatView adds a format file of one view
# (for a type nothing writes), as a module with views has; -HttpRequest makes the cmdlet first send one GET with a
# new HttpClient to the project listing the MONGODB_ATLAS_* variables name (1 if it is answered 401, as the stub
# answers a request without credentials): what any module that calls Atlas pays. Returns the manifest's path.
function New-EmptyBinaryModule([switch] $FormatView, [switch] $HttpRequest) {
    $folder = Join-Path ([IO.Path]::GetTempPath()) "atlas-empty-module-$([guid]::NewGuid().ToString('n'))"
    $null = New-Item -ItemType Directory $folder
    $dll = Join-Path $folder 'EmptyBinary.dll'
    $body = if ($HttpRequest) {
        'using var client = new System.Net.Http.HttpClient(); var uri = System.Environment.GetEnvironmentVariable("MONGODB_ATLAS_OPS_MANAGER_URL") + "api/atlas/v2/groups/" + System.Environment.GetEnvironmentVariable("MONGODB_ATLAS_PROJECT_ID") + "/apiKeys"; WriteObject((int)client.GetAsync(uri).GetAwaiter().GetResult().StatusCode == 401 ? 1 : 0);'
    }
    else { 'WriteObject(1);' }
    Add-Type -OutputAssembly $dll -OutputType Library -TypeDefinition @"
using System.Management.Automation;
[Cmdlet(VerbsCommon.Get, "EmptyBinaryOne")]
public sealed class GetEmptyBinaryOneCommand : PSCmdlet { protected override void ProcessRecord() { $body } }
"@
    $formats = @()
    if ($FormatView) {
        Set-Content (Join-Path $folder 'EmptyBinary.Format.ps1xml') -Value @'
<?xml version="1.0" encoding="utf-8"?>
<Configuration><ViewDefinitions><View><Name>Nothing</Name><ViewSelectedBy><TypeName>EmptyBinary.Nothing</TypeName></ViewSelectedBy>
<TableControl><TableHeaders><TableColumnHeader /></TableHeaders><TableRowEntries><TableRowEntry><TableColumnItems>
<TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View></ViewDefinitions></Configuration>
'@
        $formats = @('EmptyBinary.Format.ps1xml')
    }
    New-ModuleManifest -Path (Join-Path $folder 'EmptyBinary.psd1') -RootModule 'EmptyBinary.dll' -ModuleVersion '1.0.0' -CmdletsToExport 'Get-EmptyBinaryOne' -FunctionsToExport @() -VariablesToExport @() -AliasesToExport @() -FormatsToProcess $formats
    Join-Path $folder 'EmptyBinary.psd1'
}

# A fresh `pwsh -NoProfile -NonInteractive -Command $Command` of this same PowerShell, as a runbook starts one (the
# dotnet tool's runs as `dotnet pwsh.dll`), its output redirected, with only $Environment's Atlas variables (none of
# this shell's, which could mix two kinds of credential). Returns the ProcessStartInfo to start.
function New-PwshChild([string] $Command, [hashtable] $Environment = @{}) {
    $exe = (Get-Process -Id $PID).Path
    $start = [Diagnostics.ProcessStartInfo]::new($exe)
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $Command) { $start.ArgumentList.Add($a) }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    foreach ($name in @($start.Environment.Keys)) { if ($name -like 'MONGODB_ATLAS_*') { $null = $start.Environment.Remove($name) } }
    foreach ($name in $Environment.Keys) { $start.Environment[$name] = $Environment[$name] }
    $start
}
