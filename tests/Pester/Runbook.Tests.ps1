BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $stub = Start-AtlasStub
    # What a fresh runbook process says about the crypto warm-up (internal: read by reflection; Core loads, as the
    # module loads it, through the module's resolver).
    $script:Probe = '$warmup = [Reflection.Assembly]::Load(''AtlasApiKeys.Core'').GetType(''AtlasApiKeys.Core.Platform.CryptoWarmup'', $true); ' +
        '"before $($warmup::Started)"; $null = Get-AtlasConnection; "opened $($warmup::Started)"; {0}; "after $($warmup::Started)"'
    # The stub's variables for one kind of credential, the other kind's unset in the child (a shell's own would win).
    function Get-Variables([switch] $ServiceAccount) {
        $environment = Get-AtlasStubEnvironment $stub -ServiceAccount:$ServiceAccount
        $others = if ($ServiceAccount) { 'MONGODB_ATLAS_PUBLIC_API_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY' } else { 'MONGODB_ATLAS_CLIENT_ID', 'MONGODB_ATLAS_CLIENT_SECRET' }
        foreach ($name in $others) { $environment[$name] = $null }
        $environment
    }
}

AfterAll {
    Stop-AtlasStub $stub
}

Describe 'A runbook''s first session loads the crypto library ahead of need (a pwsh -NonInteractive child)' {
    It 'starts loading it when a digest session opens, before any request (MD5 follows the first 401)' {
        $sent = Measure-AtlasStubRequest $stub {
            $script:run = Invoke-AtlasChildPwsh -Environment (Get-Variables) -Command ($Probe -f '@(Get-AtlasProjectApiKey).Count')
        }
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain 'before False'
        $run.Output | Should -Contain "opened $IsLinux"   # Windows and macOS: not OpenSSL
        $run.Output | Should -Contain '3'
        $sent.Count | Should -Be 2   # the 401, then the signed request
    }

    It 'does not load it for a service account over plain http to loopback, which needs no crypto' {
        $run = Invoke-AtlasChildPwsh -Environment (Get-Variables -ServiceAccount) -Command ($Probe -f '@(Get-AtlasProjectApiKey).Count')
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain '3'
        $run.Output | Should -Contain 'after False'
    }

    It 'starts loading it when a service account''s session to an https address opens (the TLS handshake needs it)' {
        $environment = Get-Variables -ServiceAccount
        $environment['MONGODB_ATLAS_OPS_MANAGER_URL'] = 'https://127.0.0.1:9/'   # never called: opening the session sends nothing
        $run = Invoke-AtlasChildPwsh -Environment $environment -Command ($Probe -f '$null')
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain "opened $IsLinux"
    }
}

Describe 'Refused credentials in a runbook (a pwsh -NonInteractive child)' {
    BeforeAll {
        $script:wrong = Get-Variables
        $wrong.MONGODB_ATLAS_PRIVATE_API_KEY = [guid]::NewGuid().ToString()
    }

    It 'stop the script under -ErrorAction Stop, as any error does there, and exit 1' {
        $run = Invoke-AtlasChildPwsh -Environment $wrong -Command "Get-AtlasProjectApiKey -ErrorAction Stop; 'after'"
        $run.Output | Should -Not -Contain 'after'
        $run.Text | Should -Match 'USER_UNAUTHORIZED'
        $run.ExitCode | Should -Be 1
        $run.Text | Should -Not -Match $wrong.MONGODB_ATLAS_PRIVATE_API_KEY
    }

    It 'are caught by try/catch under -ErrorAction Stop with their own error id' {
        $run = Invoke-AtlasChildPwsh -Environment $wrong -Command "try { Get-AtlasProjectApiKey -ErrorAction Stop } catch { 'caught ' + `$_.FullyQualifiedErrorId + ' ' + `$_.CategoryInfo.Category }; 'after'"
        $run.Output | Should -Contain 'caught USER_UNAUTHORIZED,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand AuthenticationError'
        $run.Output | Should -Contain 'after'
        $run.ExitCode | Should -Be 0
    }

    It 'end only the command otherwise (a terminating error, as Invoke-RestMethod''s), once' {
        $run = Invoke-AtlasChildPwsh -Environment $wrong -Command "Get-AtlasProjectApiKey; 'after'"
        @($run.Output | Where-Object { $_ -like 'ERROR: USER_UNAUTHORIZED*' }).Count | Should -Be 1
        $run.Output | Should -Contain 'after'
    }
}
