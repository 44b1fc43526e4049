# The module's own types load where PowerShell resolves them (only third-party libraries are isolated):
# a script can name the exception, the key and the session type, and catch the exception by type.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub
    Connect-AtlasStub $stub
}

AfterAll {
    Disconnect-Atlas
    Stop-AtlasStub $stub
}

Describe 'The module''s types in a script' {
    It 'resolves [<_>] after Import-Module' -ForEach @(
        'AtlasApiKeys.Core.Errors.AtlasApiException'
        'AtlasApiKeys.Core.Model.ProjectApiKey'
        'AtlasApiKeys.Core.AtlasSession'
    ) {
        $name = $_
        $type = Invoke-Expression "[$name]"
        $type.FullName | Should -Be $name
    }

    It 'catches a failed change by the exception type' {
        $said = try {
            Set-AtlasProjectApiKey -ApiKeyId $stub.UnassignedKeyId -Role GROUP_OWNER -ErrorAction Stop
            'not reached'
        }
        catch [AtlasApiKeys.Core.Errors.AtlasApiException] {
            "caught $($_.Exception.ErrorCode)"
        }
        $said | Should -Be 'caught RESOURCE_NOT_FOUND'
    }

    It 'takes the key type as a parameter type and -is test' {
        $key = Get-AtlasProjectApiKey | Select-Object -First 1
        $key -is [AtlasApiKeys.Core.Model.ProjectApiKey] | Should -BeTrue
        function Show-Key([AtlasApiKeys.Core.Model.ProjectApiKey] $Key) { $Key.Id }
        Show-Key $key | Should -Be $key.Id
    }

    It 'does the same in a fresh pwsh, as a user would' {
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command @"
try { Set-AtlasProjectApiKey -ApiKeyId $($stub.UnassignedKeyId) -Role GROUP_OWNER -ErrorAction Stop } catch [AtlasApiKeys.Core.Errors.AtlasApiException] { 'caught' }
[AtlasApiKeys.Core.Model.ProjectApiKey].Name
"@
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain 'caught'
        $run.Output | Should -Contain 'ProjectApiKey'
    }
}

Describe 'Which build PowerShell 7 loads' {
    It 'loads the net8.0 build through the manifest, Core as the ReadyToRun image of its OS, into the default context, and nothing from dependencies/' {
        $folder = Split-Path (Get-AtlasModuleManifest)
        $loaded = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.Location -like "$folder*" })
        $architecture = [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
        $platform = "$(if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' })-$architecture"
        $core = if (Test-Path (Join-Path $folder "net8.0/$platform")) { "net8.0/$platform/AtlasApiKeys.Core.dll" } else { 'net8.0/AtlasApiKeys.Core.dll' }
        $where = @{}
        foreach ($assembly in $loaded) {
            $where[$assembly.GetName().Name] = $assembly.Location.Substring($folder.Length + 1).Replace('\', '/')
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly) | Should -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        }
        $where.Keys | Sort-Object | Should -Be @('AtlasApiKeys', 'AtlasApiKeys.Core')   # Core: the session above used it
        $where['AtlasApiKeys'] | Should -Be 'net8.0/AtlasApiKeys.dll'
        $where['AtlasApiKeys.Core'] | Should -Be $core
    }
}

Describe 'Isolation of the third-party libraries (the netstandard2.0 build, as Windows PowerShell 5.1 loads it)' {
    It 'loads Microsoft.Bcl.TimeProvider from dependencies/ into a context of its own, and the module''s types into the default one' {
        # PowerShell 7 never loads this build through the manifest: imported by its path, it runs here the code
        # 5.1 runs (the resolver, the isolated libraries), on .NET 10. The other libraries of dependencies/ are
        # the runtime's or PowerShell's own on .NET 10, in equal or newer versions, and load from there.
        $folder = Split-Path (Get-AtlasModuleManifest)
        $run = Invoke-AtlasChildPwsh -Module (Join-Path $folder 'AtlasApiKeys.dll') -Environment (Get-AtlasStubEnvironment $stub) -Command @"
'keys ' + @(Get-AtlasProjectApiKey).Count
foreach (`$a in [AppDomain]::CurrentDomain.GetAssemblies()) {
    if (-not `$a.IsDynamic -and `$a.Location -like '$folder*') {
        '{0}|{1}|{2}' -f `$a.GetName().Name, `$a.Location.Substring($($folder.Length + 1)).Replace('\', '/'), ([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$a) -eq [System.Runtime.Loader.AssemblyLoadContext]::Default)
    }
}
"@
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Output | Should -Contain 'keys 3'
        $run.Output | Should -Contain 'AtlasApiKeys.Core|AtlasApiKeys.Core.dll|True'
        $run.Output | Should -Contain 'Microsoft.Bcl.TimeProvider|dependencies/Microsoft.Bcl.TimeProvider.dll|False'
        @($run.Output | Where-Object { $_ -like '*|dependencies/*|True' }) | Should -BeNullOrEmpty   # none of ours in the default context
    }
}

Describe 'The netstandard2.0 build (what Windows PowerShell 5.1 runs), imported by path on PowerShell 7' {
    # xunit runs the net8.0 build; this is where the netstandard2.0 binaries run a key's life end to end: the
    # polyfilled retry wait (Microsoft.Bcl.TimeProvider), System.Text.Json from dependencies/, digest and bearer auth.
    It 'creates, changes, lists after a retried 503, and removes a key, digest and service account' {
        $folder = Split-Path (Get-AtlasModuleManifest)
        $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($stub.BaseUri, '_stub/faults')) -Body '{"kind":"ServiceUnavailable","count":1,"method":"GET"}' -ContentType 'application/json'
        $digest = Invoke-AtlasChildPwsh -Module (Join-Path $folder 'AtlasApiKeys.dll') -Environment (Get-AtlasStubEnvironment $stub) -Command @'
(Get-Module AtlasApiKeys).Path
'listed ' + @(Get-AtlasProjectApiKey -Verbose).Count
$key = New-AtlasProjectApiKey -Description 'netstandard2.0 build' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
'roles ' + (Set-AtlasProjectApiKey -ApiKeyId $key.Id -AddRole GROUP_OWNER -PassThru).Roles
Remove-AtlasProjectApiKey -ApiKeyId $key.Id -Confirm:$false
'left ' + @(Get-AtlasProjectApiKey | Where-Object Id -eq $key.Id).Count
'@
        $account = Invoke-AtlasChildPwsh -Module (Join-Path $folder 'AtlasApiKeys.dll') -Environment (Get-AtlasStubEnvironment $stub -ServiceAccount) -Command "'account listed ' + @(Get-AtlasProjectApiKey).Count"

        $digest.ExitCode | Should -Be 0 -Because $digest.Text
        $digest.Output[0] | Should -BeLike '*AtlasApiKeys.dll'
        $digest.Output[0] | Should -Not -BeLike '*net8.0*'
        $digest.Output | Where-Object { $_ -match '^VERBOSE: Atlas answered 503; trying again' } | Should -HaveCount 1
        $digest.Output | Should -Contain 'listed 3'
        $digest.Output | Should -Contain 'roles GROUP_READ_ONLY GROUP_OWNER'   # the union, in the order the key had them, then the added one
        $digest.Output | Should -Contain 'left 0'
        $account.ExitCode | Should -Be 0 -Because $account.Text
        $account.Output | Should -Contain 'account listed 3'
    }
}

Describe 'Beside another module carrying other versions of the same libraries' {
    It 'works when another module loaded one first (<Build>): an older copy in a context of its own, and a newer one into the default context' -ForEach @(
        @{ Build = 'the manifest: net8.0'; ModuleFile = 'AtlasApiKeys.psd1' }
        @{ Build = 'netstandard2.0 by path'; ModuleFile = 'AtlasApiKeys.dll' }
    ) {
        $packages = Split-Path (Split-Path (Split-Path (Split-Path (Get-Module Pester).Path)))   # <nuget>/pester/5.9.1/tools/Pester.psm1 -> <nuget>
        # tests/tools/tools.csproj restores these (build.ps1 runs that restore before Pester).
        $older = Join-Path $packages 'microsoft.bcl.asyncinterfaces/6.0.0/lib/netstandard2.0/Microsoft.Bcl.AsyncInterfaces.dll'
        $newer = Join-Path $packages 'microsoft.bcl.asyncinterfaces/9.0.0/lib/netstandard2.1/Microsoft.Bcl.AsyncInterfaces.dll'
        foreach ($file in $older, $newer) { Test-Path $file | Should -BeTrue -Because "dotnet restore tests/tools puts $file there" }
        $script = @"
`$other = [System.Runtime.Loader.AssemblyLoadContext]::new('OtherModule', `$false)
`$null = `$other.LoadFromAssemblyPath('$older')
`$null = [System.Reflection.Assembly]::LoadFrom('$newer')
Import-Module '$(Join-Path (Split-Path (Get-AtlasModuleManifest)) $ModuleFile)'
`$env:MONGODB_ATLAS_PUBLIC_API_KEY = '$($stub.PublicKey)'; `$env:MONGODB_ATLAS_PRIVATE_API_KEY = '$($stub.PrivateKeyText)'; `$env:MONGODB_ATLAS_OPS_MANAGER_URL = '$($stub.BaseUri)'
'keys ' + @(Get-AtlasProjectApiKey -ProjectId $($stub.Production)).Count
try { Set-AtlasProjectApiKey -ProjectId $($stub.Production) -ApiKeyId $($stub.UnassignedKeyId) -Role GROUP_OWNER -ErrorAction Stop } catch [AtlasApiKeys.Core.Errors.AtlasApiException] { 'caught' }
"@
        $exe = (Get-Process -Id $PID).Path
        $arguments = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments += Join-Path $PSHOME 'pwsh.dll' }
        $arguments += '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))
        $output = @(& $exe $arguments 2>&1 | ForEach-Object { "$_" })
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'keys 3'
        $output | Should -Contain 'caught'
    }
}
