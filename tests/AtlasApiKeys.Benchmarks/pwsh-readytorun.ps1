# A copy of this PowerShell with ReadyToRun code, as the official packages (MSI, deb, rpm, tar.gz) ship it: the
# PowerShell of `dotnet tool` has none, so everything PowerShell itself runs (its startup, Import-Module, parameter
# binding) is compiled by the JIT first, which the module cannot change. With this copy the cold benchmark shows
# what a user of an installed PowerShell sees. Uses crossgen2 10.0.12 and the .NET 10.0.12 runtime pack that the
# module's build restores (src/AtlasApiKeys/AtlasApiKeys.csproj); linux-x64 only. From the repository root:
#   dotnet pwsh tests/AtlasApiKeys.Benchmarks/pwsh-readytorun.ps1            # -> out/pwsh-readytorun/pwsh.dll
#   dotnet out/pwsh-readytorun/pwsh.dll tests/AtlasApiKeys.Benchmarks/pwsh-overhead.ps1 -ColdOnly
[CmdletBinding()]
param([string] $Destination)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
if (-not $Destination) { $Destination = Join-Path $root 'out/pwsh-readytorun' }
if (-not $IsLinux -or [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -ne 'X64') { throw 'This script makes a linux-x64 copy: run it on Linux x64.' }
$packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()   # NUGET_PACKAGES and nuget.config included
$crossgen = Join-Path $packages 'microsoft.netcore.app.crossgen2.linux-x64/10.0.12/tools/crossgen2'
$framework = Join-Path $packages 'microsoft.netcore.app.runtime.linux-x64/10.0.12/runtimes/linux-x64/lib/net10.0'
foreach ($path in $crossgen, $framework) {
    if (-not (Test-Path $path)) { throw "$path is missing: run ./build.ps1 -Task Build first (its restore brings it)." }
}
if ([Environment]::Version -ne [version]'10.0.12') { Write-Warning "This PowerShell runs on .NET $([Environment]::Version); the images are compiled against 10.0.12 and used on any .NET 10." }

Remove-Item -Recurse -Force $Destination -ErrorAction SilentlyContinue
Copy-Item -Recurse $PSHOME $Destination
# PowerShell's own assemblies and what its startup and Import-Module run; the rest stay IL.
$assemblies = 'pwsh', 'System.Management.Automation', 'Microsoft.PowerShell.ConsoleHost', 'Microsoft.PowerShell.Commands.Utility',
    'Microsoft.PowerShell.Commands.Management', 'Microsoft.PowerShell.Security', 'Microsoft.ApplicationInsights', 'Newtonsoft.Json'
foreach ($name in $assemblies) {
    # A response file: pwsh on Linux would expand the '*.dll' of a native command's argument itself.
    $arguments = [IO.Path]::GetTempFileName()
    Set-Content $arguments -Value @((Join-Path $PSHOME "$name.dll"), '-o', (Join-Path $Destination "$name.dll"), '-r', (Join-Path $framework '*.dll'),
        '-r', (Join-Path $PSHOME '*.dll'), '--targetos:linux', '--targetarch:x64', '-O')
    & $crossgen "@$arguments" | Out-Null
    $exit = $LASTEXITCODE
    Remove-Item $arguments
    if ($exit -ne 0) { throw "crossgen2 failed on $name.dll (exit code $exit)." }
}
Join-Path $Destination 'pwsh.dll'
