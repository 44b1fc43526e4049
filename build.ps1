#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, packages or demonstrates the AtlasApiKeys module. A thin wrapper over dotnet.

.DESCRIPTION
    Build    dotnet publish lays out out/AtlasApiKeys/<version>/ (and builds the stub server the
             Pester suites use); cmdlet help is made from docs/ when platyPS is installed.
    Test     Build, then dotnet test, then Invoke-Pester (Pester 5) on tests/Pester.
    Package  Build, then the PowerShell Gallery nupkg in out/package/.
    Demo     Build, start the stub server with its demo seed, import the built module, walk
             through every cmdlet, stop the server.
    It works offline; a tool it lacks (platyPS, Pester 5, PSResourceGet) is named, not fetched.
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
$version = (Import-PowerShellDataFile (Join-Path $root 'AtlasApiKeys.psd1')).ModuleVersion
$moduleDir = Join-Path $root "out/AtlasApiKeys/$version"

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        throw 'dotnet is not on PATH: install the .NET SDK 10 (global.json names the band).'
    }
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-BuildTask {
    $helpOut = Join-Path $root 'out/help/en-US'
    if (Get-Module -ListAvailable -Name platyPS) {
        Import-Module platyPS
        $null = New-Item -ItemType Directory -Force -Path $helpOut
        $null = New-ExternalHelp -Path (Join-Path $root 'docs/cmdlets') -OutputPath $helpOut -Force
    }
    else {
        Write-Warning 'platyPS is not installed: the module is built without cmdlet help (Install-Module platyPS to add it).'
    }
    Invoke-Dotnet publish (Join-Path $root 'src/AtlasApiKeys/AtlasApiKeys.csproj') -c $Configuration -nologo
    Invoke-Dotnet build (Join-Path $root 'tests/AtlasApiKeys.StubServer/AtlasApiKeys.StubServer.csproj') -c $Configuration -nologo
    Write-Host "Module: $moduleDir"
}

function Invoke-TestTask {
    Invoke-BuildTask
    if (-not $SkipDotnetTest) {
        Invoke-Dotnet test (Join-Path $root 'AtlasApiKeys.sln') -c $Configuration -nologo
    }
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed: the Pester suites were not run (Install-Module Pester -MinimumVersion 5.0).'
        return
    }
    Import-Module $pester
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/Pester'
    $config.Run.Throw = $true
    $config.Output.Verbosity = 'Detailed'
    $env:ATLASAPIKEYS_CONFIGURATION = $Configuration
    Invoke-Pester -Configuration $config
}

function Invoke-PackageTask {
    Invoke-BuildTask
    $packageDir = Join-Path $root 'out/package'
    $null = New-Item -ItemType Directory -Force -Path $packageDir
    $repository = 'AtlasApiKeysLocal'
    if (Get-Command Publish-PSResource -ErrorAction SilentlyContinue) {
        if (Get-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue) { Unregister-PSResourceRepository -Name $repository }
        Register-PSResourceRepository -Name $repository -Uri $packageDir -Trusted
        try { Publish-PSResource -Path $moduleDir -Repository $repository }
        finally { Unregister-PSResourceRepository -Name $repository }
    }
    elseif (Get-Command Publish-Module -ErrorAction SilentlyContinue) {
        if (Get-PSRepository -Name $repository -ErrorAction SilentlyContinue) { Unregister-PSRepository -Name $repository }
        Register-PSRepository -Name $repository -SourceLocation $packageDir -PublishLocation $packageDir -InstallationPolicy Trusted
        try { Publish-Module -Path $moduleDir -Repository $repository -NuGetApiKey 'local' }
        finally { Unregister-PSRepository -Name $repository }
    }
    else {
        throw 'Neither PSResourceGet (Publish-PSResource) nor PowerShellGet (Publish-Module) is available to make the nupkg.'
    }
    Get-ChildItem $packageDir -Filter *.nupkg | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

function Invoke-DemoTask {
    Invoke-BuildTask
    . (Join-Path $root 'tests/Pester/common.ps1')
    $stub = Start-AtlasStub -Configuration $Configuration
    try {
        Import-Module (Join-Path $moduleDir 'AtlasApiKeys.psd1') -Force
        $p = $stub.Production
        Write-Host "`nConnect-Atlas to the stub server at $($stub.BaseUri), default project $p" -ForegroundColor Cyan
        Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $p

        Write-Host "`nGet-AtlasProjectApiKey (roles shown are the roles in this project)" -ForegroundColor Cyan
        Get-AtlasProjectApiKey | Format-Table | Out-Host

        Write-Host "`nNew-AtlasProjectApiKey -Description 'demo key' -Role GROUP_READ_ONLY" -ForegroundColor Cyan
        $new = New-AtlasProjectApiKey -Description 'demo key' -Role GROUP_READ_ONLY
        $new | Format-Table | Out-Host
        Write-Host "PrivateKey is a $($new.PrivateKey.GetType().Name), not shown in the table."

        Write-Host "`nAdd-AtlasProjectApiKey: assign an existing org key" -ForegroundColor Cyan
        Add-AtlasProjectApiKey -ApiKeyId $stub.UnassignedKeyId -Role GROUP_DATA_ACCESS_READ_ONLY -PassThru | Format-Table | Out-Host

        Write-Host "`nSet-AtlasProjectApiKey: new roles and description" -ForegroundColor Cyan
        $new | Set-AtlasProjectApiKey -Role GROUP_CLUSTER_MANAGER, GROUP_READ_ONLY -Description 'demo key, renamed' -PassThru | Format-Table | Out-Host

        Write-Host "`nAdd-AtlasProjectApiKey again: Atlas refuses, and the error says what to do" -ForegroundColor Cyan
        Add-AtlasProjectApiKey -ApiKeyId $new.Id -Role GROUP_READ_ONLY -ErrorVariable failed -ErrorAction SilentlyContinue
        Write-Host "$($failed[0].FullyQualifiedErrorId): $($failed[0].ErrorDetails.RecommendedAction)"

        Write-Host "`nRemove-AtlasProjectApiKey -WhatIf, then for real" -ForegroundColor Cyan
        Get-AtlasProjectApiKey | Where-Object Description -like 'demo key*' | Remove-AtlasProjectApiKey -WhatIf
        Get-AtlasProjectApiKey | Where-Object Description -like 'demo key*' | Remove-AtlasProjectApiKey -Confirm:$false
        Remove-AtlasProjectApiKey -ApiKeyId $stub.UnassignedKeyId -Confirm:$false
        Get-AtlasProjectApiKey | Format-Table | Out-Host

        Disconnect-Atlas
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
