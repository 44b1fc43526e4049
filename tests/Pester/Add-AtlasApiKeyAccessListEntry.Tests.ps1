BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub
    Connect-AtlasStub $stub
    $newKey = { param($name) New-AtlasProjectApiKey -Description $name -Role GROUP_READ_ONLY -WarningAction SilentlyContinue }
}

AfterAll {
    Disconnect-Atlas
    Stop-AtlasStub $stub
}

Describe 'Add-AtlasApiKeyAccessListEntry' {
    It 'adds addresses and blocks in one POST' {
        $key = & $newKey 'pester add one post'
        $sent = Measure-AtlasStubRequest $stub { Add-AtlasApiKeyAccessListEntry -ApiKeyId $key.Id -IpAddress 203.0.113.10, 2001:db8::10 -CidrBlock 198.51.100.0/24 }
        @($sent | Where-Object Method -eq 'POST').Count | Should -Be 1
        ($sent | Where-Object Method -eq 'POST').Path | Should -Be "/api/atlas/v2/orgs/$($stub.OrgId)/apiKeys/$($key.Id)/accessList"
        (Get-AtlasApiKeyAccessListEntry $key.Id).Entry | Should -Be @('203.0.113.10', '2001:db8::10', '198.51.100.0/24')
    }

    It 'writes nothing, or the key''s access list with -PassThru' {
        $key = & $newKey 'pester add passthru'
        Add-AtlasApiKeyAccessListEntry $key.Id -CidrBlock 10.1.0.0/16 | Should -BeNullOrEmpty
        $list = Add-AtlasApiKeyAccessListEntry $key.Id -IpAddress 10.2.0.1 -PassThru
        $list | Should -BeOfType ([AtlasApiKeys.Core.Model.ApiKeyAccessListEntry])
        $list.Entry | Should -Be @('10.1.0.0/16', '10.2.0.1')
    }

    It 'refuses a malformed address or block naming the parameter, before any request' {
        $key = & $newKey 'pester add bad'
        $sent = Measure-AtlasStubRequest $stub {
            { Add-AtlasApiKeyAccessListEntry $key.Id -IpAddress 203.0.113.300 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*IpAddress*203.0.113.300*not an IP address*'
            { Add-AtlasApiKeyAccessListEntry $key.Id -IpAddress 203.0.113.0/24 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*IpAddress*-CidrBlock*'
            { Add-AtlasApiKeyAccessListEntry $key.Id -CidrBlock 203.0.113.0/33 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*CidrBlock*not a CIDR block*'
            { Add-AtlasApiKeyAccessListEntry $key.Id -IpAddress 203.0.113.1 -CidrBlock 'x/8' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*CidrBlock*'
        }
        $sent.Count | Should -Be 0
    }

    It 'refuses what Atlas refuses: leading zeros, a block with bits past its prefix; sends the good one' {
        $key = & $newKey 'pester add strict'
        $sent = Measure-AtlasStubRequest $stub {
            { Add-AtlasApiKeyAccessListEntry $key.Id -IpAddress 010.0.0.1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*IpAddress*010.0.0.1*leading zero*'
            { Add-AtlasApiKeyAccessListEntry $key.Id -IpAddress 1.2.3.04 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*IpAddress*1.2.3.04*leading zero*'
            { Add-AtlasApiKeyAccessListEntry $key.Id -CidrBlock 10.0.0.0/08 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*CidrBlock*10.0.0.0/08*leading zero*'
            { Add-AtlasApiKeyAccessListEntry $key.Id -CidrBlock 10.1.2.3/8 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*CidrBlock: 10.1.2.3/8 is not a network address; did you mean 10.0.0.0/8?*'
            Add-AtlasApiKeyAccessListEntry $key.Id -IpAddress 10.0.0.1 -CidrBlock 10.0.0.0/8
        }
        @($sent | Where-Object Method -eq 'POST').Status | Should -Be @(200)
        (Get-AtlasApiKeyAccessListEntry $key.Id).Entry | Should -Be @('10.0.0.1', '10.0.0.0/8')
    }

    It 'sends an entry given twice once' {
        $key = & $newKey 'pester add twice'
        $sent = Measure-AtlasStubRequest $stub { Add-AtlasApiKeyAccessListEntry $key.Id -IpAddress 192.0.2.1, 192.0.2.1 -CidrBlock 192.0.2.1/32 -ErrorVariable failed -ErrorAction SilentlyContinue }
        $failed | Should -BeNullOrEmpty
        @($sent | Where-Object Method -eq 'POST').Status | Should -Be @(200)
        (Get-AtlasApiKeyAccessListEntry $key.Id).Entry | Should -Be @('192.0.2.1')
    }

    It 'reports an entry already on the list as ResourceExists (409)' {
        $key = & $newKey 'pester add duplicate'
        Add-AtlasApiKeyAccessListEntry $key.Id -IpAddress 192.0.2.7
        Add-AtlasApiKeyAccessListEntry $key.Id -IpAddress 192.0.2.7 -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'ADDRESS_ALREADY_IN_ACCESS_LIST,AtlasApiKeys.Commands.AddAtlasApiKeyAccessListEntryCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failed[0].TargetObject | Should -Be $key.Id
        $failed[0].ErrorDetails.RecommendedAction | Should -Match '^Atlas refuses the whole request .*Get-AtlasApiKeyAccessListEntry -ApiKeyId <key id>, then add only the missing entries'
    }

    It 'finds the organization from a piped project key''s project, with no default project' {
        $key = & $newKey 'pester add runbook'
        $environment = Get-AtlasStubEnvironment $stub
        $environment.Remove('MONGODB_ATLAS_PROJECT_ID')
        $run = Invoke-AtlasChildPwsh -Environment $environment -Command @"
`$ErrorActionPreference = 'Stop'
Get-AtlasProjectApiKey -ProjectId $($stub.Production) -ApiKeyId $($key.Id) | Add-AtlasApiKeyAccessListEntry -IpAddress 192.0.2.9 -Confirm:`$false
'done'
"@
        $run.Text | Should -Not -Match 'ERROR'
        $run.Output | Should -Contain 'done'
        (Get-AtlasApiKeyAccessListEntry $key.Id).Entry | Should -Be @('192.0.2.9')
    }
}

Describe 'Add-AtlasApiKeyAccessListEntry contract' {
    It 'has one parameter set: -IpAddress, -CidrBlock or both; neither is refused before any request' {
        $command = Get-Command Add-AtlasApiKeyAccessListEntry
        $command.ParameterSets.Name | Should -Be @('Default')
        $command.ParameterSets[0].Parameters | Where-Object IsMandatory | ForEach-Object Name | Should -Be @('ApiKeyId')
        $command.Parameters.ApiKeyId.Aliases | Should -Be @('Id')
        $sent = Measure-AtlasStubRequest $stub {
            $script:missing = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command "Add-AtlasApiKeyAccessListEntry $($stub.UnassignedKeyId)"
        }
        $sent.Count | Should -Be 0
        $script:missing.Text | Should -Match 'ERROR: AtlasInvalidArgument,AtlasApiKeys.Commands.AddAtlasApiKeyAccessListEntryCommand: Give -IpAddress, -CidrBlock'
    }

    It 'binds keys by property name: one POST for each piped key' {
        $keys = 1..2 | ForEach-Object { & $newKey "pester add pipe $_" }
        $sent = Measure-AtlasStubRequest $stub { $keys | Add-AtlasApiKeyAccessListEntry -CidrBlock 172.16.0.0/12 }
        ($sent | Where-Object Method -eq 'POST').Path | Should -Be ($keys | ForEach-Object { "/api/atlas/v2/orgs/$($stub.OrgId)/apiKeys/$($_.Id)/accessList" })
    }

    It 'sends nothing with -WhatIf and says what it would add' {
        $key = & $newKey 'pester add whatif'
        $sent = Measure-AtlasStubRequest $stub { Add-AtlasApiKeyAccessListEntry $key.Id -IpAddress 192.0.2.9 -WhatIf }
        $sent.Count | Should -Be 0
        @(Get-AtlasApiKeyAccessListEntry $key.Id).Count | Should -Be 0
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command "Add-AtlasApiKeyAccessListEntry $($key.Id) -IpAddress 192.0.2.9 -WhatIf"
        $run.Text | Should -Match "What if: .*Add to its API access list: 192\.0\.2\.9.*API key $($key.Id)"
    }

    It 'in a runbook: ConfirmImpact Medium asks nothing; -Debug shows the one POST' {
        $key = & $newKey 'pester add runbook'
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command "Add-AtlasApiKeyAccessListEntry $($key.Id) -IpAddress 192.0.2.10 -Debug"
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match "^DEBUG: HTTP POST /api/atlas/v2/orgs/$($stub.OrgId)/apiKeys/$($key.Id)/accessList(\?\S*)? -> 200 " } | Should -Not -BeNullOrEmpty
        (Get-AtlasApiKeyAccessListEntry $key.Id).Entry | Should -Be @('192.0.2.10')
    }
}
