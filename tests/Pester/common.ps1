# Shared by the Pester suites. Builds nothing: it imports the module from out/ (./build.ps1 -Task Build
# lays it out) and runs the stub server that build already compiled.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-AtlasModuleManifest {
    $version = (Import-PowerShellDataFile (Join-Path $script:RepoRoot 'AtlasApiKeys.psd1')).ModuleVersion
    $manifest = Join-Path $script:RepoRoot "out/AtlasApiKeys/$version/AtlasApiKeys.psd1"
    if (-not (Test-Path $manifest)) { throw "The built module is missing ($manifest): run ./build.ps1 -Task Build first." }
    $manifest
}

function Import-AtlasModule {
    Import-Module (Get-AtlasModuleManifest) -Force -ErrorAction Stop
}

function Start-AtlasStub {
    <# Starts the stub server with its demo seed on a free loopback port and waits for it. #>
    param(
        [string] $Configuration = $(if ($env:ATLASAPIKEYS_CONFIGURATION) { $env:ATLASAPIKEYS_CONFIGURATION } else { 'Release' }),
        # Also a project of this many keys (its id in .Bulk).
        [int] $BulkKeys = 0
    )

    $dll = Join-Path $script:RepoRoot "tests/AtlasApiKeys.StubServer/bin/$Configuration/net10.0/AtlasApiKeys.StubServer.dll"
    if (-not (Test-Path $dll)) { throw "The stub server is not built ($dll): run ./build.ps1 -Task Build first." }
    $out = [System.IO.Path]::GetTempFileName()
    $err = [System.IO.Path]::GetTempFileName()
    $process = Start-Process -FilePath 'dotnet' -ArgumentList @("`"$dll`"", '--urls', 'http://127.0.0.1:0', '--seed', 'demo', '--bulk', $BulkKeys) `
        -RedirectStandardOutput $out -RedirectStandardError $err -PassThru -NoNewWindow
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    $values = @{}
    while (-not $values.ContainsKey('Unassigned org key')) {
        if ($process.HasExited) { throw "The stub server exited: $(Get-Content $err -Raw)" }
        if ([DateTime]::UtcNow -gt $deadline) { Stop-Process -Id $process.Id -Force; throw 'The stub server did not start within 30 s.' }
        Start-Sleep -Milliseconds 100
        foreach ($line in (Get-Content $out -ErrorAction SilentlyContinue)) {
            if ($line -match '^(?<name>[^:]+):\s+(?<value>\S+)$') { $values[$Matches.name] = $Matches.value }
        }
    }

    $private = ConvertTo-SecureString $values['Digest private key'] -AsPlainText -Force
    $secret = ConvertTo-SecureString $values['Service account key'] -AsPlainText -Force
    [pscustomobject]@{
        Process          = $process
        BaseUri          = [uri]$values['Now listening on']
        Production       = $values['Project production']
        Staging          = $values['Project staging']
        PublicKey        = $values['Digest public key']
        PrivateKeyText   = $values['Digest private key']
        Credential       = [pscredential]::new($values['Digest public key'], $private)
        ServiceAccount   = [pscredential]::new($values['Service account id'], $secret)
        UnassignedKeyId  = $values['Unassigned org key']
        Bulk             = $values['Project bulk']
        OutputFile       = $out
        ErrorFile        = $err
    }
}

function Stop-AtlasStub {
    param($Stub)
    if ($Stub -and -not $Stub.Process.HasExited) { Stop-Process -Id $Stub.Process.Id -Force -ErrorAction SilentlyContinue }
    if ($Stub) { Remove-Item $Stub.OutputFile, $Stub.ErrorFile -ErrorAction SilentlyContinue }
}

function Get-AtlasStubRequest {
    <# The API requests the stub has logged (method, path, query, status; no secrets). #>
    param($Stub)
    @(Invoke-RestMethod -Uri ([uri]::new($Stub.BaseUri, '_stub/log')) -Method Get) | Where-Object { $_.Path -like '/api/atlas/*' }
}

function Connect-AtlasStub {
    param($Stub)
    Connect-Atlas -BaseUri $Stub.BaseUri -Credential $Stub.Credential -ProjectId $Stub.Production
}
