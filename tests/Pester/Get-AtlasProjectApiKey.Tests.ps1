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

Describe 'Get-AtlasProjectApiKey' {
    It 'lists every key of the project with the roles it holds there' {
        $keys = Get-AtlasProjectApiKey -ProjectId $stub.Production
        $keys.Count | Should -Be 3
        $keys[0].GetType().FullName | Should -Be 'AtlasApiKeys.Core.Model.ProjectApiKey'
        ($keys | Where-Object Description -eq 'ci deploy').Roles | Should -Be @('GROUP_CLUSTER_MANAGER', 'GROUP_READ_ONLY')
        ($keys | Where-Object Description -eq 'ci deploy').OrgRoles | Should -Be @('ORG_MEMBER')
        $keys | ForEach-Object { $_.PrivateKey | Should -BeNullOrEmpty }
    }

    It 'uses the default project of the session' {
        (Get-AtlasProjectApiKey).ProjectId | Select-Object -Unique | Should -Be $stub.Production
    }

    It 'takes the project by property name (GroupId alias)' {
        $keys = [pscustomobject]@{ GroupId = $stub.Staging } | Get-AtlasProjectApiKey
        $keys.ProjectId | Select-Object -Unique | Should -Be $stub.Staging
    }

    It 'gets one key by id, and ObjectNotFound for a key not in the project' {
        $one = Get-AtlasProjectApiKey -ProjectId $stub.Production
        (Get-AtlasProjectApiKey -ProjectId $stub.Production -ApiKeyId $one[1].Id).Id | Should -Be $one[1].Id
        Get-AtlasProjectApiKey -ProjectId $stub.Production -ApiKeyId $stub.UnassignedKeyId -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -Be 'ApiKeyNotFound,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'lists several projects in input order' {
        $keys = Get-AtlasProjectApiKey -ProjectId $stub.Staging, $stub.Production -ThrottleLimit 2
        $keys.ProjectId | Select-Object -Unique | Should -Be @($stub.Staging, $stub.Production)
    }

    It 'pages with -First, -Skip and -IncludeTotalCount' {
        $all = Get-AtlasProjectApiKey -ProjectId $stub.Production
        $page = @(Get-AtlasProjectApiKey -ProjectId $stub.Production -Skip 1 -First 1 -IncludeTotalCount)
        $page.Count | Should -Be 2
        [uint64]$page[0].psobject.BaseObject | Should -Be 3     # the total count comes first
        $page[1].Id | Should -Be $all[1].Id
    }

    It 'reports an unknown project with the Atlas error code and goes on' {
        $keys = Get-AtlasProjectApiKey -ProjectId '0123456789abcdef01234567', $stub.Production -ErrorVariable failed -ErrorAction SilentlyContinue
        $keys.Count | Should -Be 3
        $failed[0].FullyQualifiedErrorId | Should -Be 'GROUP_NOT_FOUND,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].ErrorDetails.Message | Should -Match '0123456789abcdef01234567'
    }

    It 'refuses a public key where an id goes, before any request' {
        $sent = Measure-AtlasStubRequest $stub {
            { Get-AtlasProjectApiKey -ProjectId 'zmmrboas' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage "*looks like a public key*"
        }
        $sent.Count | Should -Be 0
        (Measure-AtlasStubRequest $stub { Get-AtlasProjectApiKey -ProjectId $stub.Production }).Count | Should -Be 1
    }

    It 'shows each exchange with -Debug and no secret' {
        $debug = Get-AtlasProjectApiKey -ProjectId $stub.Production -Debug 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        $debug.Message | Where-Object { $_ -match '^HTTP GET /api/atlas/v2/groups/\w+/apiKeys\?.* -> 200 ' } | Should -Not -BeNullOrEmpty
        ($debug.Message -join "`n") | Should -Not -Match ([regex]::Escape($stub.PrivateKeyText))
    }

    It 'takes -Session instead of the stored one' {
        $session = Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -PassThru
        (Get-AtlasProjectApiKey -Session $session -ProjectId $stub.Staging).ProjectId | Select-Object -Unique | Should -Be $stub.Staging
        Connect-AtlasStub $stub
    }
}

Describe 'Get-AtlasProjectApiKey in a runbook (a pwsh -NonInteractive child with MONGODB_ATLAS_* variables)' {
    It 'returns the keys and the debug lines with -Debug, and nothing prompts' {
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command '(Get-AtlasProjectApiKey -Debug).Count'
        $run.ExitCode | Should -Be 0
        $run.Text | Should -Not -Match 'NonInteractive mode|Continue with this operation'
        $run.Output | Where-Object { $_ -match '^DEBUG: HTTP GET /api/atlas/v2/groups/\w+/apiKeys\?.* -> 200 ' } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match '^\d+$' } | Should -Be '3'
        $run.Text | Should -Not -Match ([regex]::Escape($stub.PrivateKeyText))
    }

    It 'writes verbose lines with -Verbose, and no exchange trace' {
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command '(Get-AtlasProjectApiKey -Verbose).Count'
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match '^VERBOSE: Listing the API keys of project ' } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match '^DEBUG:' } | Should -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match '^\d+$' } | Should -Be '3'
    }

    It 'works with a service account from the environment, -Debug and -Verbose together' {
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub -ServiceAccount) -Command '(Get-AtlasProjectApiKey -Debug -Verbose).Count'
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match '^VERBOSE: Listing' } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match '^DEBUG: HTTP GET ' } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match '^\d+$' } | Should -Be '3'
        $run.Text | Should -Not -Match ([regex]::Escape($stub.ServiceAccount.GetNetworkCredential().Password))
    }

    It 'stops a runbook with $ErrorActionPreference = Stop on an unknown project, catchable' {
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command @'
$ErrorActionPreference = 'Stop'
try { Get-AtlasProjectApiKey -ProjectId 0123456789abcdef01234567; 'not reached' }
catch { "caught $($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category)" }
'@
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain 'caught GROUP_NOT_FOUND,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand ObjectNotFound'
        $run.Output | Should -Not -Contain 'not reached'
    }
}
