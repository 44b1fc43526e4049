# Shared by the Pester suites. Builds nothing: it imports the module from out/ (./build.ps1 -Task Build
# lays it out) and runs the stub server that build already compiled.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
. (Join-Path $script:RepoRoot 'tests/tools/AtlasManifest.ps1')

function Get-AtlasModuleManifest {
    $version = (Read-AtlasManifest (Join-Path $script:RepoRoot 'AtlasApiKeys.psd1')).ModuleVersion
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
        [int] $BulkKeys = 0,
        # More options for the stub (say '--inventory', '50,200').
        [string[]] $Arguments = @()
    )

    $dll = Join-Path $script:RepoRoot "tests/AtlasApiKeys.StubServer/bin/$Configuration/net10.0/AtlasApiKeys.StubServer.dll"
    if (-not (Test-Path $dll)) { throw "The stub server is not built ($dll): run ./build.ps1 -Task Build first." }
    $out = [System.IO.Path]::GetTempFileName()
    $err = [System.IO.Path]::GetTempFileName()
    $process = Start-Process -FilePath 'dotnet' -ArgumentList (@("`"$dll`"", '--urls', 'http://127.0.0.1:0', '--seed', 'demo', '--bulk', $BulkKeys) + $Arguments) `
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
        OrgId            = $values['Organization']
        Analytics        = $values['Project analytics']
        CiDeployKeyId    = $values['CI deploy key']
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
    <# The API requests the stub has logged (method, path, query, status; no secrets), one object each.
       Invoke-RestMethod returns a JSON array as one object: enumerate it, so callers can count. #>
    param($Stub)
    $log = Invoke-RestMethod -Uri ([uri]::new($Stub.BaseUri, '_stub/log')) -Method Get
    $log | Where-Object { $_.Path -like '/api/*' }
}

function Measure-AtlasStubRequest {
    <# Runs the script block and returns the API requests the stub logged while it ran (an array,
       empty when nothing was sent). The "nothing was sent" checks count these. #>
    param($Stub, [scriptblock] $ScriptBlock)
    $before = @(Get-AtlasStubRequest $Stub).Count
    $null = & $ScriptBlock
    , @(Get-AtlasStubRequest $Stub | Select-Object -Skip $before)
}

function Invoke-AtlasChildPwsh {
    <# Runs a command in a fresh `pwsh -NoProfile -NonInteractive` child with the built module and the
       given environment variables, as a runbook does. Returns its exit code and its output lines
       (every stream merged into stdout by the child's own redirection, in order). -Module: what the child
       imports instead of the built manifest (say, the netstandard2.0 build's AtlasApiKeys.dll). #>
    param([string] $Command, [hashtable] $Environment = @{}, [string] $Module = (Get-AtlasModuleManifest))
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try {
        # pwsh as a .NET tool is `dotnet pwsh.dll`; a pwsh executable runs the command itself.
        $exe = (Get-Process -Id $PID).Path
        $arguments = [System.Collections.Generic.List[string]]::new()
        if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments.Add((Join-Path $PSHOME 'pwsh.dll')) }
        $script = "`$ErrorActionPreference = 'Continue'; Import-Module '$Module'; & { $Command } *>&1 | ForEach-Object { if (`$_ -is [System.Management.Automation.DebugRecord]) { 'DEBUG: ' + `$_.Message } elseif (`$_ -is [System.Management.Automation.VerboseRecord]) { 'VERBOSE: ' + `$_.Message } elseif (`$_ -is [System.Management.Automation.WarningRecord]) { 'WARNING: ' + `$_.Message } elseif (`$_ -is [System.Management.Automation.ErrorRecord]) { 'ERROR: ' + `$_.FullyQualifiedErrorId + ': ' + `$_ } else { `$_ | Out-String -Stream -Width 200 } }"
        # -File, not -EncodedCommand: with -EncodedCommand the child's host lines (Host.UI.WriteWarningLine)
        # bypass the redirected output.
        $file = Join-Path ([System.IO.Path]::GetTempPath()) "atlas-child-$([guid]::NewGuid().ToString('n')).ps1"
        Set-Content -Path $file -Value $script -Encoding utf8
        $arguments.AddRange([string[]]@('-NoProfile', '-NonInteractive', '-File', $file))
        # Host lines keep their colour codes when written to a pipe: strip them.
        $output = & $exe $arguments 2>&1 | ForEach-Object { "$_" -replace "`e\[[0-9;]*m", '' }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output); Text = ($output -join "`n") }
    }
    finally {
        if ($file) { Remove-Item $file -ErrorAction SilentlyContinue }
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

function Get-AtlasStubEnvironment {
    <# The MONGODB_ATLAS_* variables a runbook would set for the stub (digest, or -ServiceAccount). #>
    param($Stub, [switch] $ServiceAccount)
    $environment = @{
        MONGODB_ATLAS_OPS_MANAGER_URL = $Stub.BaseUri.ToString()
        MONGODB_ATLAS_PROJECT_ID      = $Stub.Production
    }
    if ($ServiceAccount) {
        $environment.MONGODB_ATLAS_CLIENT_ID = $Stub.ServiceAccount.UserName
        $environment.MONGODB_ATLAS_CLIENT_SECRET = $Stub.ServiceAccount.GetNetworkCredential().Password
    }
    else {
        $environment.MONGODB_ATLAS_PUBLIC_API_KEY = $Stub.PublicKey
        $environment.MONGODB_ATLAS_PRIVATE_API_KEY = $Stub.PrivateKeyText
    }
    $environment
}

function Connect-AtlasStub {
    param($Stub)
    Connect-Atlas -BaseUri $Stub.BaseUri -Credential $Stub.Credential -ProjectId $Stub.Production
}

function Set-AtlasStubAccessListRequired {
    <# Switches the stub organization's "Require IP Access List" setting (403 ORG_REQUIRES_ACCESS_LIST
       for a key with no entry). #>
    param($Stub, [bool] $Required)
    $body = @{ apiAccessListRequired = $Required } | ConvertTo-Json
    $null = Invoke-RestMethod -Uri ([uri]::new($Stub.BaseUri, "_stub/orgs/$($Stub.OrgId)/settings")) -Method Patch -Body $body -ContentType 'application/json'
}
