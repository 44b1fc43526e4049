BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub
    Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $stub.Production -OrgId $stub.OrgId
    $orgKeysPath = "/api/atlas/v2/orgs/$($stub.OrgId)/apiKeys"

    function New-TestKey([string] $Description) {
        <# An organization key on production (GROUP_READ_ONLY) and staging (GROUP_OWNER). #>
        $key = New-AtlasProjectApiKey -ProjectId $stub.Production -Description $Description -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
        Add-AtlasProjectApiKey -ProjectId $stub.Staging -ApiKeyId $key.Id -Role GROUP_OWNER
        $key
    }
}

AfterAll {
    Disconnect-Atlas
    Stop-AtlasStub $stub
}

Describe 'Remove-AtlasOrgApiKey' {
    It 'is ConfirmImpact High, and Get-AtlasOrgApiKey | Where-Object ... | Remove-AtlasOrgApiKey -WhatIf sends nothing' {
        (Get-Command Remove-AtlasOrgApiKey).ImplementingType.GetCustomAttributes($true) |
            Where-Object { $_ -is [System.Management.Automation.CmdletAttribute] } |
            ForEach-Object { $_.ConfirmImpact | Should -Be 'High' }
        $null = New-TestKey 'tmp-whatif-1'
        $null = New-TestKey 'tmp-whatif-2'
        $sent = Measure-AtlasStubRequest $stub { Get-AtlasOrgApiKey | Where-Object Description -like 'tmp-whatif-*' | Remove-AtlasOrgApiKey -WhatIf }
        @($sent | Where-Object { $_.Path -eq $orgKeysPath -and $_.Status -eq 200 }).Count | Should -Be 1   # the listing went out
        $sent | Where-Object Path -ne $orgKeysPath | Should -BeNullOrEmpty                                # and nothing else, not even a read
        @(Get-AtlasOrgApiKey | Where-Object Description -like 'tmp-whatif-*').Count | Should -Be 2
        # The same pipeline with -Confirm:$false: one DELETE a key, and they are gone.
        $sent = Measure-AtlasStubRequest $stub { Get-AtlasOrgApiKey | Where-Object Description -like 'tmp-whatif-*' | Remove-AtlasOrgApiKey -Confirm:$false }
        @($sent | Where-Object Method -eq 'DELETE').Count | Should -Be 2
        Get-AtlasOrgApiKey | Where-Object Description -like 'tmp-whatif-*' | Should -BeNullOrEmpty
    }

    It 'deletes a key by id from the organization and so from every project' {
        $key = New-TestKey 'pester by id'
        $sent = Measure-AtlasStubRequest $stub { Remove-AtlasOrgApiKey -ApiKeyId $key.Id -Confirm:$false }
        ($sent | Where-Object Status -lt 400 | ForEach-Object { "$($_.Method) $($_.Path)" }) | Should -Be @("GET $orgKeysPath/$($key.Id)", "DELETE $orgKeysPath/$($key.Id)")
        Get-AtlasProjectApiKey -ProjectId $stub.Production, $stub.Staging | Where-Object Id -eq $key.Id | Should -BeNullOrEmpty
        Get-AtlasOrgApiKey | Where-Object Id -eq $key.Id | Should -BeNullOrEmpty
    }

    It 'reads a key given by id under -WhatIf to name it, and sends no change' {
        $key = New-TestKey 'pester whatif by id'
        $sent = Measure-AtlasStubRequest $stub { Remove-AtlasOrgApiKey -ApiKeyId $key.Id -WhatIf }
        $sent | Where-Object Method -ne 'GET' | Should -BeNullOrEmpty
        $sent.Path | Should -Contain "$orgKeysPath/$($key.Id)"
        (Get-AtlasOrgApiKey -ApiKeyId $key.Id).Assignments.Count | Should -Be 2
        Remove-AtlasOrgApiKey -ApiKeyId $key.Id -Confirm:$false
    }

    It 'names the key''s public key, description and every project it leaves in the confirmation' {
        $key = New-TestKey 'pester named'
        $environment = Get-AtlasStubEnvironment $stub
        $environment.MONGODB_ATLAS_ORG_ID = $stub.OrgId
        foreach ($command in "Remove-AtlasOrgApiKey -ApiKeyId $($key.Id) -WhatIf", "Get-AtlasOrgApiKey -ApiKeyId $($key.Id) | Remove-AtlasOrgApiKey -WhatIf") {
            $run = Invoke-AtlasChildPwsh -Environment $environment -Command $command
            $run.ExitCode | Should -Be 0
            $whatIf = ($run.Output | Where-Object { $_ -like 'What if:*' }) -join ' '
            $whatIf | Should -BeLike "*$($key.PublicKey)*"
            $whatIf | Should -BeLike "*'pester named'*"
            $whatIf | Should -BeLike "*$($stub.Production)*"
            $whatIf | Should -BeLike "*$($stub.Staging)*"
        }
        (Get-AtlasOrgApiKey -ApiKeyId $key.Id).Id | Should -Be $key.Id
        Remove-AtlasOrgApiKey -ApiKeyId $key.Id -Confirm:$false
    }

    It 'reports each failure and goes on with the next item' {
        $key = New-TestKey 'after the failure'
        '0123456789abcdef01234567', $key.Id | ForEach-Object { [pscustomobject]@{ Id = $_ } } |
            Remove-AtlasOrgApiKey -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'RESOURCE_NOT_FOUND,AtlasApiKeys.Commands.RemoveAtlasOrgApiKeyCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be '0123456789abcdef01234567'
        Get-AtlasOrgApiKey | Where-Object Id -eq $key.Id | Should -BeNullOrEmpty
    }

    It 'reports a key deleted since it was listed, and sends one DELETE' {
        $key = Get-AtlasOrgApiKey -ApiKeyId (New-TestKey 'deleted meanwhile').Id
        Remove-AtlasOrgApiKey -ApiKeyId $key.Id -Confirm:$false
        $sent = Measure-AtlasStubRequest $stub { $key | Remove-AtlasOrgApiKey -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue; $script:failed = $err }
        @($sent | Where-Object Method -eq 'DELETE').Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'RESOURCE_NOT_FOUND,AtlasApiKeys.Commands.RemoveAtlasOrgApiKeyCommand'
    }
}

Describe 'Remove-AtlasOrgApiKey contract' {
    It 'has the InputObject (default, so a piped key is taken whole) and ById parameter sets' {
        $command = Get-Command Remove-AtlasOrgApiKey
        $command.DefaultParameterSet | Should -Be 'InputObject'
        $command.ParameterSets.Name | Sort-Object | Should -Be @('ById', 'InputObject')
        $command.Parameters.ApiKeyId.Aliases | Should -Be @('Id')
        $command.Parameters.InputObject.ParameterType.FullName | Should -Be 'AtlasApiKeys.Core.Model.OrgApiKey'
        $command.Parameters.Keys | Should -Not -Contain 'PassThru'
    }

    It 'binds by value: the objects Get-AtlasOrgApiKey writes, each one DELETE and no read' {
        $keys = 1..2 | ForEach-Object { Get-AtlasOrgApiKey -ApiKeyId (New-TestKey "pester byvalue $_").Id }
        $sent = Measure-AtlasStubRequest $stub { $keys | Remove-AtlasOrgApiKey -Confirm:$false }
        ($sent | ForEach-Object { "$($_.Method) $($_.Path)" }) | Should -Be ($keys | ForEach-Object { "DELETE $orgKeysPath/$($_.Id)" })
    }

    It 'binds from Import-Csv (Id and OrgId columns), and uses the OrgId given' {
        $key = New-TestKey 'pester remove csv'
        $csv = Join-Path $TestDrive 'remove.csv'
        [pscustomobject]@{ Id = $key.Id; OrgId = $stub.OrgId } | Export-Csv $csv -NoTypeInformation
        $sent = Measure-AtlasStubRequest $stub { Import-Csv $csv | Remove-AtlasOrgApiKey -Confirm:$false }
        ($sent | Where-Object Method -eq 'DELETE').Path | Should -Be "$orgKeysPath/$($key.Id)"
    }

    It 'refuses a malformed key id or org id before any request, naming the parameter' {
        $sent = Measure-AtlasStubRequest $stub {
            { Remove-AtlasOrgApiKey -ApiKeyId 'not-an-id' -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*ApiKeyId*'
            { Remove-AtlasOrgApiKey -OrgId 'zmmrboas' -ApiKeyId $stub.UnassignedKeyId -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*OrgId*'
        }
        $sent.Count | Should -Be 0
    }

    It 'needs -Confirm:$false in a runbook: without it nothing is deleted; with it, -Debug and -Verbose show the DELETE' {
        $key = New-TestKey 'pester remove runbook'
        $environment = Get-AtlasStubEnvironment $stub
        $environment.MONGODB_ATLAS_ORG_ID = $stub.OrgId
        $run = Invoke-AtlasChildPwsh -Environment $environment -Command "Remove-AtlasOrgApiKey -ApiKeyId $($key.Id)"
        $run.Text | Should -Match 'NonInteractive'
        Get-AtlasOrgApiKey | Where-Object Id -eq $key.Id | Should -Not -BeNullOrEmpty

        $run = Invoke-AtlasChildPwsh -Environment $environment -Command "Remove-AtlasOrgApiKey -ApiKeyId $($key.Id) -Confirm:`$false -Debug -Verbose"
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match "^DEBUG: HTTP DELETE $([regex]::Escape("$orgKeysPath/$($key.Id)")) -> 204 " } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match "^VERBOSE: Deleted API key $($key.PublicKey) " } | Should -Not -BeNullOrEmpty
        $run.Text | Should -Not -Match ([regex]::Escape($stub.PrivateKeyText))
        Get-AtlasOrgApiKey | Where-Object Id -eq $key.Id | Should -BeNullOrEmpty
    }

    It 'stops a runbook with $ErrorActionPreference = Stop on an unknown key, catchable' {
        $environment = Get-AtlasStubEnvironment $stub
        $environment.MONGODB_ATLAS_ORG_ID = $stub.OrgId
        $run = Invoke-AtlasChildPwsh -Environment $environment -Command @'
$ErrorActionPreference = 'Stop'
try { Remove-AtlasOrgApiKey -ApiKeyId 0123456789abcdef01234567 -Confirm:$false; 'not reached' }
catch { "caught $($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category)" }
'@
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain 'caught RESOURCE_NOT_FOUND,AtlasApiKeys.Commands.RemoveAtlasOrgApiKeyCommand ObjectNotFound'
        $run.Output | Should -Not -Contain 'not reached'
    }
}
