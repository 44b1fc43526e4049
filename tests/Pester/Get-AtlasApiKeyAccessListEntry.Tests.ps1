BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub
    Connect-AtlasStub $stub
    $listPath = { param($keyId) "/api/atlas/v2/orgs/$($stub.OrgId)/apiKeys/$keyId/accessList" }
}

AfterAll {
    Disconnect-Atlas
    Stop-AtlasStub $stub
}

Describe 'Get-AtlasApiKeyAccessListEntry' {
    It 'lists every entry of the key, in a table that fits 80 columns' {
        $key = New-AtlasProjectApiKey -Description 'pester get list' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
        Add-AtlasApiKeyAccessListEntry -ApiKeyId $key.Id -IpAddress 203.0.113.10, 2001:db8:85a3::8a2e:370:7334 -CidrBlock 198.51.100.0/24
        $entries = Get-AtlasApiKeyAccessListEntry -ApiKeyId $key.Id
        $entries.Entry | Should -Be @('203.0.113.10', '2001:db8:85a3::8a2e:370:7334', '198.51.100.0/24')   # IPv6 short, where Atlas writes it in full
        $entries[1].IpAddress | Should -Be '2001:db8:85a3:0:0:8a2e:370:7334'
        $entries[0].ApiKeyId | Should -Be $key.Id
        $entries[0].OrgId | Should -Be $stub.OrgId
        $table = $entries | Out-String -Width 80
        $table | Should -Match 'API key: [0-9a-f]{24}'
        $table | Should -Match '2001:db8:85a3::8a2e:370:7334'
        ($table -split "`r?`n" | Where-Object Length -gt 80) | Should -BeNullOrEmpty
    }

    It 'shows a used entry and a long IPv6 block whole at 80 columns, each row with its dates' {
        $admin = (Get-AtlasProjectApiKey | Where-Object Description -eq 'demo admin').Id   # its 127.0.0.1 entry carries this session's calls
        Add-AtlasApiKeyAccessListEntry $admin -CidrBlock 2001:db8:85a3:1234:5678::/80   # Atlas writes it 2001:db8:85a3:1234:5678:0:0:0/80
        $lines = Get-AtlasApiKeyAccessListEntry $admin | Out-String -Width 80 -Stream
        $lines | Where-Object Length -gt 80 | Should -BeNullOrEmpty
        $lines | Where-Object { $_ -match '^127\.0\.0\.1 +\d+ \d{4}-\d\d-\d\d \d\d:\d\d 127\.0\.0\.1 +\d{4}-\d\d-\d\d\s*$' } | Should -Not -BeNullOrEmpty
        $lines | Where-Object { $_ -match '^2001:db8:85a3:1234:5678::/80 +\d{4}-\d\d-\d\d\s*$' } | Should -Not -BeNullOrEmpty
    }

    It 'takes keys from the pipeline by property name (Id), one listing each' {
        $keys = 1..2 | ForEach-Object { New-AtlasProjectApiKey -Description "pester get pipe $_" -Role GROUP_READ_ONLY -AccessList "192.0.2.$_" -WarningAction SilentlyContinue }
        $sent = Measure-AtlasStubRequest $stub { $script:got = $keys | Get-AtlasApiKeyAccessListEntry }
        ($sent | Where-Object Method -eq 'GET').Path | Should -Be ($keys | ForEach-Object { & $listPath $_.Id })
        $script:got.Entry | Should -Be @('192.0.2.1', '192.0.2.2')
    }

    It 'reports an unknown key as ObjectNotFound and goes on' {
        $ci = Get-AtlasProjectApiKey | Where-Object Description -eq 'ci deploy'
        $missing = 'ffffffffffffffffffffffff'
        $got = $missing, $ci.Id | ForEach-Object { [pscustomobject]@{ Id = $_ } } |
            Get-AtlasApiKeyAccessListEntry -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be $missing
        @($got).Count | Should -Be 0                         # ci deploy has no entry
    }
}

Describe 'Get-AtlasApiKeyAccessListEntry contract' {
    It 'has one parameter set; -ApiKeyId (alias Id) is mandatory and positional, -OrgId optional' {
        $command = Get-Command Get-AtlasApiKeyAccessListEntry
        $command.ParameterSets.Name | Should -Be @('Default')
        $command.Parameters.ApiKeyId.Aliases | Should -Be @('Id')
        $command.ParameterSets[0].Parameters | Where-Object IsMandatory | ForEach-Object Name | Should -Be @('ApiKeyId')
        ($command.ParameterSets[0].Parameters | Where-Object Name -eq 'ApiKeyId').Position | Should -Be 0
        ($command.ParameterSets[0].Parameters | Where-Object Name -eq 'OrgId').ValueFromPipelineByPropertyName | Should -BeTrue
    }

    It 'uses -OrgId as given, with no project look-up' {
        $ci = Get-AtlasProjectApiKey | Where-Object Description -eq 'ci deploy'
        $sent = Measure-AtlasStubRequest $stub { Get-AtlasApiKeyAccessListEntry $ci.Id -OrgId $stub.OrgId }
        $sent.Path | Should -Be @(& $listPath $ci.Id)
    }

    It 'refuses a malformed key or organization id before any request' {
        $sent = Measure-AtlasStubRequest $stub {
            { Get-AtlasApiKeyAccessListEntry -ApiKeyId 'abcdefgh' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*ApiKeyId*public key*'
            { Get-AtlasApiKeyAccessListEntry -ApiKeyId $stub.UnassignedKeyId -OrgId 'x' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*OrgId*'
        }
        $sent.Count | Should -Be 0
    }

    It 'without any organization id names the four ways, as InvalidArgument (OrgId)' {
        $session = Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -PassThru
        try {
            Get-AtlasApiKeyAccessListEntry $stub.UnassignedKeyId -Session $session -ErrorVariable failed -ErrorAction SilentlyContinue
        }
        finally { Connect-AtlasStub $stub }
        $failed[0].FullyQualifiedErrorId | Should -Be 'AtlasInvalidArgument,AtlasApiKeys.Commands.GetAtlasApiKeyAccessListEntryCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failed[0].Exception.ParamName | Should -Be 'OrgId'
        "$($failed[0])" | Should -Match '-OrgId.*Connect-Atlas -OrgId.*MONGODB_ATLAS_ORG_ID.*project'
    }

    It 'in a runbook with MONGODB_ATLAS_ORG_ID: no project look-up; -Debug shows the listing' {
        $environment = Get-AtlasStubEnvironment $stub
        $environment.MONGODB_ATLAS_ORG_ID = $stub.OrgId
        $admin = (Get-AtlasProjectApiKey | Where-Object Description -eq 'demo admin').Id
        $run = Invoke-AtlasChildPwsh -Environment $environment -Command "Get-AtlasApiKeyAccessListEntry $admin -Debug | ForEach-Object Entry"
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain '127.0.0.1'
        $run.Output | Where-Object { $_ -match '^DEBUG: HTTP GET /api/atlas/v2/groups/' } | Should -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match "^DEBUG: HTTP GET $(& $listPath $admin)(\?\S*)? -> 200 " } | Should -Not -BeNullOrEmpty
    }
}
