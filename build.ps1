#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, packages or demonstrates the AtlasApiKeys module. A thin wrapper over dotnet.

.DESCRIPTION
    Build    dotnet publish lays out out/AtlasApiKeys/<version>/ (and builds the stub server the
             Pester suites use); the publish also makes cmdlet help (MAML) and the about topic
             from docs/ with src/AtlasApiKeys.HelpBuilder (no platyPS needed).
    Test     Build, then dotnet test (xunit), then Pester 5.9.1 (restored from NuGet by tests/tools)
             on tests/Pester; the last line counts both: "N passed, N failed". Exit code 1 on a failure.
    Package  Build, then the PowerShell Gallery nupkg in out/package/.
    Demo     Build, start the stub server with its demo seed, import the built module, walk
             through every cmdlet, stop the server.
    It works offline beyond NuGet: run it as `dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test`.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test: run only the Pester suites (CI has run dotnet test already).
    [switch] $SkipDotnetTest
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
. (Join-Path $root 'tests/tools/AtlasManifest.ps1')
$version = (Read-AtlasManifest (Join-Path $root 'AtlasApiKeys.psd1')).ModuleVersion
$moduleDir = Join-Path $root "out/AtlasApiKeys/$version"

function Invoke-Dotnet {
    # A simple function (no [Parameter]): -v, -c and the like go to dotnet, not to common parameters.
    $Arguments = [string[]]$args
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        throw 'dotnet is not on PATH: install the .NET SDK 10 (global.json names the band).'
    }
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-BuildTask {
    # dotnet publish also makes the help (en-US/AtlasApiKeys.dll-Help.xml and about_AtlasApiKeys.help.txt)
    # from docs/, with src/AtlasApiKeys.HelpBuilder: no platyPS needed.
    Invoke-Dotnet publish (Join-Path $root 'src/AtlasApiKeys/AtlasApiKeys.csproj') -f netstandard2.0 -c $Configuration -nologo
    Invoke-Dotnet build (Join-Path $root 'tests/AtlasApiKeys.StubServer/AtlasApiKeys.StubServer.csproj') -c $Configuration -nologo
    Write-Host "Module: $moduleDir"
}

function Import-Pester {
    # Pester 5.9.1 comes from NuGet (tests/tools restores it), never from the PowerShell Gallery.
    Invoke-Dotnet restore (Join-Path $root "tests/tools/tools.csproj") --nologo --verbosity quiet
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
        ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    }
    $manifest = Join-Path $packages 'pester/5.9.1/tools/Pester.psd1'
    if (-not (Test-Path $manifest)) { throw "Pester 5.9.1 is not where NuGet restored it ($manifest)." }
    Import-Module $manifest -Force -ErrorAction Stop
}

function Invoke-TestTask {
    Invoke-BuildTask
    $results = Join-Path $root 'out/test-results'
    Remove-Item $results -Recurse -Force -ErrorAction SilentlyContinue
    $xunitPassed = 0; $xunitFailed = 0; $xunitExit = 0
    if (-not $SkipDotnetTest) {
        & dotnet test (Join-Path $root 'AtlasApiKeys.sln') -c $Configuration --nologo --results-directory $results --logger 'trx'
        $xunitExit = $LASTEXITCODE
        $trx = @(Get-ChildItem $results -Filter *.trx -ErrorAction SilentlyContinue)
        if ($trx.Count -eq 0) { throw "dotnet test wrote no results (exit code $xunitExit)." }
        foreach ($file in $trx) {
            $counters = ([xml](Get-Content $file.FullName -Raw)).TestRun.ResultSummary.Counters
            $xunitPassed += [int]$counters.passed
            $xunitFailed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        }
        if ($xunitExit -ne 0 -and $xunitFailed -eq 0) { $xunitFailed = 1 }   # a crash that counted no test
    }

    Import-Pester
    # The suites run as a person runs them, not under this script's strict mode (which their scopes would inherit).
    Set-StrictMode -Off
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/Pester'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $env:ATLASAPIKEYS_CONFIGURATION = $Configuration
    $pester = Invoke-Pester -Configuration $config
    $pesterFailed = $pester.FailedCount + $pester.FailedBlocksCount + $pester.FailedContainersCount

    $passed = $xunitPassed + $pester.PassedCount
    $failed = $xunitFailed + $pesterFailed
    Write-Host "xunit: $xunitPassed passed, $xunitFailed failed; Pester: $($pester.PassedCount) passed, $pesterFailed failed"
    # The closing line CI reads: every test of both runners.
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-PackageTask {
    Invoke-BuildTask
    # The gallery tags (PSCommand_<name>...) come from the manifest's CmdletsToExport; both help files
    # ride along in en-US/.
    . (Join-Path $root 'tests/tools/AtlasPackage.ps1')
    $nupkg = New-AtlasPackage -ModulePath $moduleDir -OutputPath (Join-Path $root 'out/package')
    Write-Host "Package: $nupkg"
}

function Invoke-DemoTask {
    Invoke-BuildTask
    . (Join-Path $root 'tests/Pester/common.ps1')
    # Redirected to a file or a pipe: plain text, no colour codes.
    if ([Console]::IsOutputRedirected -and $PSVersionTable.PSVersion.Major -ge 7) { $PSStyle.OutputRendering = 'PlainText' }
    function Show([string] $Line) { Write-Host "`nPS> $Line" -ForegroundColor Cyan }
    $stub = Start-AtlasStub -Configuration $Configuration
    try {
        Import-Module (Join-Path $moduleDir 'AtlasApiKeys.psd1') -Force
        $p = $stub.Production
        Write-Host "The real module, imported from $moduleDir, against the stub server (an Atlas look-alike) at $($stub.BaseUri)."
        Show "Connect-Atlas -BaseUri $($stub.BaseUri) -Credential `$cred -ProjectId $p"
        Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $p
        Show 'Get-AtlasConnection                    # where the next command goes; never a secret'
        Get-AtlasConnection | Out-Host

        Show 'Get-AtlasProjectApiKey                 # the roles shown are the roles in each project'
        Get-AtlasProjectApiKey | Out-Host
        Show "Get-AtlasProjectApiKey -ProjectId $p, $($stub.Staging)"
        Get-AtlasProjectApiKey -ProjectId $p, $stub.Staging | Out-Host

        Show "`$key = New-AtlasProjectApiKey -Description 'demo key' -Role GROUP_READ_ONLY"
        $key = New-AtlasProjectApiKey -Description 'demo key' -Role GROUP_READ_ONLY
        $key | Out-Host
        Write-Host "`$key.PrivateKey is a $($key.PrivateKey.GetType().Name), never in the table."

        Show 'Add-AtlasProjectApiKey -ApiKeyId <an unassigned org key> -Role GROUP_DATA_ACCESS_READ_ONLY -PassThru'
        Add-AtlasProjectApiKey -ApiKeyId $stub.UnassignedKeyId -Role GROUP_DATA_ACCESS_READ_ONLY -PassThru | Out-Host

        Show "`$key | Set-AtlasProjectApiKey -Role GROUP_CLUSTER_MANAGER, GROUP_READ_ONLY -Description 'demo key, renamed' -PassThru"
        $key | Set-AtlasProjectApiKey -Role GROUP_CLUSTER_MANAGER, GROUP_READ_ONLY -Description 'demo key, renamed' -PassThru | Out-Host

        Show 'Set-AtlasProjectApiKey -ApiKeyId $key.Id -AddRole GROUP_DATA_ACCESS_READ_ONLY -PassThru   # one read, one PATCH'
        Set-AtlasProjectApiKey -ApiKeyId $key.Id -AddRole GROUP_DATA_ACCESS_READ_ONLY -PassThru | Out-Host

        Show 'Add-AtlasApiKeyAccessListEntry -ApiKeyId $key.Id -IpAddress 192.0.2.10 -CidrBlock 198.51.100.0/24 -PassThru'
        Add-AtlasApiKeyAccessListEntry -ApiKeyId $key.Id -IpAddress 192.0.2.10 -CidrBlock 198.51.100.0/24 -PassThru | Out-Host
        Show 'Remove-AtlasApiKeyAccessListEntry -ApiKeyId $key.Id -IpAddress 192.0.2.10 -Confirm:$false; Get-AtlasApiKeyAccessListEntry -ApiKeyId $key.Id'
        Remove-AtlasApiKeyAccessListEntry -ApiKeyId $key.Id -IpAddress 192.0.2.10 -Confirm:$false
        Get-AtlasApiKeyAccessListEntry -ApiKeyId $key.Id | Out-Host

        Show 'Get-AtlasOrgApiKey                     # every key of the organization, its roles in each project'
        Get-AtlasOrgApiKey | Out-Host

        Show "Get-AtlasProjectApiKey -ProjectId $p | Where-Object Description -like 'demo key*' | Add-AtlasProjectApiKey -ProjectId $($stub.Staging) -PassThru"
        Get-AtlasProjectApiKey -ProjectId $p | Where-Object Description -like 'demo key*' | Add-AtlasProjectApiKey -ProjectId $stub.Staging -PassThru | Out-Host

        Show 'Add-AtlasProjectApiKey -ApiKeyId $key.Id -Role GROUP_READ_ONLY   # already there: Atlas refuses, the error says what to do'
        Add-AtlasProjectApiKey -ApiKeyId $key.Id -Role GROUP_READ_ONLY -ErrorVariable failed -ErrorAction SilentlyContinue
        Write-Host "ErrorId $($failed[0].FullyQualifiedErrorId), category $($failed[0].CategoryInfo.Category)`n$($failed[0].ErrorDetails.RecommendedAction)"

        Show "Remove-AtlasProjectApiKey -ApiKeyId $($stub.PublicKey)   # a public key where an id goes: refused before any request"
        try { Remove-AtlasProjectApiKey -ApiKeyId $stub.PublicKey -WhatIf } catch { Write-Host $_.Exception.Message }
        Show 'Get-AtlasProjectApiKey -ProjectId payments   # a project name where an id goes'
        try { Get-AtlasProjectApiKey -ProjectId payments } catch { Write-Host $_.Exception.Message }

        Show "Get-AtlasProjectApiKey | Where-Object Description -like 'demo key*' | Remove-AtlasProjectApiKey -WhatIf"
        Get-AtlasProjectApiKey | Where-Object Description -like 'demo key*' | Remove-AtlasProjectApiKey -WhatIf

        Show 'Remove-AtlasProjectApiKey -ApiKeyId $key.Id -Confirm:$false -Debug   # one line per HTTP exchange, no secret'
        Remove-AtlasProjectApiKey -ApiKeyId $key.Id -Confirm:$false -Debug 5>&1 | ForEach-Object { Write-Host "DEBUG: $_" }

        Show 'Remove-AtlasProjectApiKey -ApiKeyId <the org key> -Confirm:$false; Get-AtlasProjectApiKey'
        Remove-AtlasProjectApiKey -ApiKeyId $stub.UnassignedKeyId -Confirm:$false
        Get-AtlasProjectApiKey | Out-Host

        Show 'Get-AtlasOrgApiKey | Where-Object { -not $_.Assignments } | Remove-AtlasOrgApiKey -WhatIf   # keys on no project'
        Get-AtlasOrgApiKey | Where-Object { -not $_.Assignments } | Remove-AtlasOrgApiKey -WhatIf

        Show 'Disconnect-Atlas'
        Disconnect-Atlas
        $log = @(Get-AtlasStubRequest $stub)
        Write-Host "`n$($log.Count) HTTP exchanges in all; $(@($log | Where-Object Status -eq 401).Count) of them the one digest challenge."
    }
    finally {
        Stop-AtlasStub $stub
    }
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Package' { Invoke-PackageTask }
    'Demo' { Invoke-DemoTask }
}
