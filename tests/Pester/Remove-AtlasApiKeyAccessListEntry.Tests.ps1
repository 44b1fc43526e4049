BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub
    Connect-AtlasStub $stub
    $newKey = {
        param($name, [string[]] $list)
        New-AtlasProjectApiKey -Description $name -Role GROUP_READ_ONLY -AccessList $list -WarningAction SilentlyContinue
    }
    $entryPath = { param($keyId, $segment) "/api/atlas/v2/orgs/$($stub.OrgId)/apiKeys/$keyId/accessList/$segment" }
}

AfterAll {
    Disconnect-Atlas
    Stop-AtlasStub $stub
}

Describe 'Remove-AtlasApiKeyAccessListEntry' {
    It 'removes a CIDR block, its / sent as %2F' {
        $key = & $newKey 'pester remove cidr' 198.51.100.0/24, 192.0.2.1
        $sent = Measure-AtlasStubRequest $stub { Remove-AtlasApiKeyAccessListEntry $key.Id -CidrBlock 198.51.100.0/24 -Confirm:$false }
        $sent.Path | Should -Be @(& $entryPath $key.Id '198.51.100.0%2F24')
        $sent[0].Status | Should -Be 204
        (Get-AtlasApiKeyAccessListEntry $key.Id).Entry | Should -Be @('192.0.2.1')
    }

    It 'removes an address given with -IpAddress' {
        $key = & $newKey 'pester remove ip' 192.0.2.1, 2001:db8::1
        $sent = Measure-AtlasStubRequest $stub { Remove-AtlasApiKeyAccessListEntry $key.Id -IpAddress 2001:db8::1 -Confirm:$false }
        ($sent | Where-Object Method -eq 'DELETE').Path | Should -Be (& $entryPath $key.Id '2001:db8:0:0:0:0:0:1')   # IPv6 in full, as the spec's path pattern asks
        (Get-AtlasApiKeyAccessListEntry $key.Id).Entry | Should -Be @('192.0.2.1')
    }

    It 'removes the entries Get-AtlasApiKeyAccessListEntry writes, one DELETE each' {
        $key = & $newKey 'pester remove pipe' 192.0.2.1, 192.0.2.2, 10.0.0.0/8
        $sent = Measure-AtlasStubRequest $stub {
            Get-AtlasApiKeyAccessListEntry $key.Id | Where-Object Entry -ne '192.0.2.2' | Remove-AtlasApiKeyAccessListEntry -Confirm:$false
        }
        ($sent | Where-Object Method -eq 'DELETE').Path | Should -Be @((& $entryPath $key.Id '192.0.2.1'), (& $entryPath $key.Id '10.0.0.0%2F8'))
        (Get-AtlasApiKeyAccessListEntry $key.Id).Entry | Should -Be @('192.0.2.2')
    }

    It 'reports an entry not on the list as ObjectNotFound and goes on' {
        $key = & $newKey 'pester remove missing' 192.0.2.1, 192.0.2.2
        '192.0.2.99', '192.0.2.2' | ForEach-Object { [pscustomobject]@{ Id = $key.Id; Entry = $_ } } |
            Remove-AtlasApiKeyAccessListEntry -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND,AtlasApiKeys.Commands.RemoveAtlasApiKeyAccessListEntryCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be '192.0.2.99'
        (Get-AtlasApiKeyAccessListEntry $key.Id).Entry | Should -Be @('192.0.2.1')
    }

    It 'cannot remove the address the call comes from (Atlas refuses)' {
        $admin = (Get-AtlasProjectApiKey | Where-Object Description -eq 'demo admin').Id
        Remove-AtlasApiKeyAccessListEntry $admin -IpAddress 127.0.0.1 -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST,AtlasApiKeys.Commands.RemoveAtlasApiKeyAccessListEntryCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-AtlasApiKeyAccessListEntry $admin).Entry | Should -Contain '127.0.0.1'
    }
}

Describe 'Remove-AtlasApiKeyAccessListEntry contract' {
    It 'has the Entry (default), IpAddress and CidrBlock sets; ConfirmImpact High' {
        $command = Get-Command Remove-AtlasApiKeyAccessListEntry
        $command.DefaultParameterSet | Should -Be 'Entry'
        $command.ParameterSets.Name | Sort-Object | Should -Be @('CidrBlock', 'Entry', 'IpAddress')
        ($command.ParameterSets | Where-Object Name -eq 'Entry').Parameters | Where-Object ValueFromPipelineByPropertyName | ForEach-Object Name | Sort-Object |
            Should -Be @('ApiKeyId', 'Entry', 'OrgId', 'ProjectId')
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'refuses a malformed entry naming the parameter, before any request' {
        $key = & $newKey 'pester remove bad' 192.0.2.1
        $sent = Measure-AtlasStubRequest $stub {
            { Remove-AtlasApiKeyAccessListEntry $key.Id -Entry 192.0.2 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage "*Entry '192.0.2' is neither an IP address nor a CIDR block*"
            { Remove-AtlasApiKeyAccessListEntry $key.Id -IpAddress 192.0.2 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage "*IpAddress '192.0.2' is not an IP address*"
            { Remove-AtlasApiKeyAccessListEntry $key.Id -CidrBlock 192.0.2.1 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*CidrBlock*'
            { Remove-AtlasApiKeyAccessListEntry $key.Id -IpAddress 10.0.0.0/8 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*IpAddress*-CidrBlock*'
        }
        $sent.Count | Should -Be 0
    }

    It 'sends nothing with -WhatIf' {
        $key = & $newKey 'pester remove whatif' 192.0.2.1
        $sent = Measure-AtlasStubRequest $stub { Get-AtlasApiKeyAccessListEntry $key.Id | Remove-AtlasApiKeyAccessListEntry -WhatIf }
        $sent.Count | Should -Be 1                             # the listing only
        $sent | Where-Object Method -eq 'DELETE' | Should -BeNullOrEmpty
        (Get-AtlasApiKeyAccessListEntry $key.Id).Entry | Should -Be @('192.0.2.1')
    }

    It 'needs -Confirm:$false in a runbook: without it nothing is removed' {
        $key = & $newKey 'pester remove runbook' 192.0.2.1, 192.0.2.2
        $environment = Get-AtlasStubEnvironment $stub
        $run = Invoke-AtlasChildPwsh -Environment $environment -Command "Remove-AtlasApiKeyAccessListEntry $($key.Id) -IpAddress 192.0.2.1"
        $run.Text | Should -Match 'NonInteractive'
        @(Get-AtlasApiKeyAccessListEntry $key.Id).Count | Should -Be 2

        $run = Invoke-AtlasChildPwsh -Environment $environment -Command "Remove-AtlasApiKeyAccessListEntry $($key.Id) -IpAddress 192.0.2.1 -Confirm:`$false -Debug"
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match "^DEBUG: HTTP DELETE $(& $entryPath $key.Id '192.0.2.1') -> 204 " } | Should -Not -BeNullOrEmpty
        (Get-AtlasApiKeyAccessListEntry $key.Id).Entry | Should -Be @('192.0.2.2')
    }
}
