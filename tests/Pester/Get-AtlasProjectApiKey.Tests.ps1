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
        $before = @(Get-AtlasStubRequest $stub).Count
        { Get-AtlasProjectApiKey -ProjectId 'zmmrboas' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage "*looks like a public key*"
        @(Get-AtlasStubRequest $stub).Count | Should -Be $before
    }

    It 'shows each exchange with -Debug and no secret' {
        $debug = Get-AtlasProjectApiKey -ProjectId $stub.Production -Debug 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        $debug.Message | Should -Match '^HTTP GET /api/atlas/v2/groups/'
        ($debug.Message -join "`n") | Should -Not -Match ([regex]::Escape($stub.PrivateKeyText))
    }

    It 'takes -Session instead of the stored one' {
        $session = Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -PassThru
        (Get-AtlasProjectApiKey -Session $session -ProjectId $stub.Staging).ProjectId | Select-Object -Unique | Should -Be $stub.Staging
        Connect-AtlasStub $stub
    }
}
