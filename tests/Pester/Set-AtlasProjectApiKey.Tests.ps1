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

Describe 'Set-AtlasProjectApiKey' {
    It 'replaces the roles in this project only' {
        $ci = Get-AtlasProjectApiKey | Where-Object Description -eq 'ci deploy'
        $updated = Set-AtlasProjectApiKey -ApiKeyId $ci.Id -Role GROUP_OWNER -PassThru
        $updated.Roles | Should -Be @('GROUP_OWNER')
        (Get-AtlasProjectApiKey -ProjectId $stub.Staging -ApiKeyId $ci.Id).Roles | Should -Be @('GROUP_OWNER')
    }

    It 'changes the description from the pipeline' {
        Get-AtlasProjectApiKey | Where-Object Description -eq 'monitoring' | Set-AtlasProjectApiKey -Description 'monitoring (renamed)'
        Get-AtlasProjectApiKey | Where-Object Description -eq 'monitoring (renamed)' | Should -Not -BeNullOrEmpty
    }

    It 'needs -Role or -Description' {
        $ci = Get-AtlasProjectApiKey | Where-Object Description -like 'ci deploy*'
        Set-AtlasProjectApiKey -ApiKeyId $ci.Id -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'AtlasInvalidArgument,AtlasApiKeys.Commands.SetAtlasProjectApiKeyCommand'
    }

    It 'sends nothing with -WhatIf' {
        $sent = Measure-AtlasStubRequest $stub { Get-AtlasProjectApiKey | Set-AtlasProjectApiKey -Role GROUP_READ_ONLY -WhatIf }
        $sent.Count | Should -BeGreaterThan 0                  # the listing went out
        $sent | Where-Object Method -ne 'GET' | Should -BeNullOrEmpty
        (Get-AtlasProjectApiKey | Where-Object Description -like 'ci deploy*').Roles | Should -Not -Be @('GROUP_READ_ONLY')
    }

    It 'reports a key not in the project as ObjectNotFound' {
        Set-AtlasProjectApiKey -ApiKeyId $stub.UnassignedKeyId -Role GROUP_OWNER -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'RESOURCE_NOT_FOUND,AtlasApiKeys.Commands.SetAtlasProjectApiKeyCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be $stub.UnassignedKeyId
    }
}

Describe 'Set-AtlasProjectApiKey -AddRole/-RemoveRole' {
    BeforeAll {
        $keyPath = { param($key) "/api/atlas/v2/groups/$($key.ProjectId)/apiKeys/$($key.Id)" }
        $newKey = { param($name) New-AtlasProjectApiKey -Description $name -Role GROUP_CLUSTER_MANAGER, GROUP_READ_ONLY -WarningAction SilentlyContinue }
    }

    It '-AddRole sends one read of the project''s keys and one PATCH; the key then holds the union' {
        $key = & $newKey 'pester addrole'
        $sent = Measure-AtlasStubRequest $stub { $script:after = Set-AtlasProjectApiKey -ApiKeyId $key.Id -AddRole GROUP_OWNER, GROUP_READ_ONLY -PassThru }
        $sent.Method | Should -Be @('GET', 'PATCH')
        $sent[0].Path | Should -Be "/api/atlas/v2/groups/$($stub.Production)/apiKeys"
        $sent[1].Path | Should -Be (& $keyPath $key)
        @(($sent[1].Body | ConvertFrom-Json).roles | Sort-Object) | Should -Be @('GROUP_CLUSTER_MANAGER', 'GROUP_OWNER', 'GROUP_READ_ONLY')   # the union, each role once
        $script:after.Roles | Sort-Object | Should -Be @('GROUP_CLUSTER_MANAGER', 'GROUP_OWNER', 'GROUP_READ_ONLY')
        # PATCH replaces the roles: the stored set is what the one PATCH carried.
        (Get-AtlasProjectApiKey -ApiKeyId $key.Id).Roles | Sort-Object | Should -Be @('GROUP_CLUSTER_MANAGER', 'GROUP_OWNER', 'GROUP_READ_ONLY')
    }

    It '-RemoveRole takes roles away, leaving the key''s roles in other projects' {
        $ci = Get-AtlasProjectApiKey | Where-Object Description -like 'ci deploy*'
        $staging = (Get-AtlasProjectApiKey -ProjectId $stub.Staging -ApiKeyId $ci.Id).Roles
        Set-AtlasProjectApiKey -ApiKeyId $ci.Id -AddRole GROUP_READ_ONLY
        Set-AtlasProjectApiKey -ApiKeyId $ci.Id -RemoveRole GROUP_READ_ONLY -PassThru | ForEach-Object Roles | Should -Not -Contain 'GROUP_READ_ONLY'
        (Get-AtlasProjectApiKey -ProjectId $stub.Staging -ApiKeyId $ci.Id).Roles | Should -Be $staging
    }

    It 'works from the pipeline, each key read and patched' {
        $keys = 1..2 | ForEach-Object { & $newKey "pester addrole pipe $_" }
        $sent = Measure-AtlasStubRequest $stub { $keys | Set-AtlasProjectApiKey -AddRole GROUP_OWNER }
        ($sent | Where-Object Method -eq 'PATCH').Path | Should -Be ($keys | ForEach-Object { & $keyPath $_ })
        $keys | ForEach-Object { (Get-AtlasProjectApiKey -ApiKeyId $_.Id).Roles | Should -Contain 'GROUP_OWNER' }
    }

    It 'refuses to remove the last role, pointing to Remove-AtlasProjectApiKey, before any PATCH' {
        $key = & $newKey 'pester lastrole'
        $sent = Measure-AtlasStubRequest $stub {
            Set-AtlasProjectApiKey -ApiKeyId $key.Id -RemoveRole GROUP_CLUSTER_MANAGER, GROUP_READ_ONLY -ErrorVariable script:failed -ErrorAction SilentlyContinue
        }
        $sent.Method | Should -Be @('GET')
        $script:failed[0].FullyQualifiedErrorId | Should -Be 'AtlasLastProjectRole,AtlasApiKeys.Commands.SetAtlasProjectApiKeyCommand'
        $script:failed[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        "$($script:failed[0])" | Should -Match 'Remove-AtlasProjectApiKey'
        $script:failed[0].ErrorDetails.RecommendedAction | Should -Match "Remove-AtlasProjectApiKey -ProjectId $($stub.Production) -ApiKeyId $($key.Id)"
        (Get-AtlasProjectApiKey -ApiKeyId $key.Id).Roles | Should -Be @('GROUP_CLUSTER_MANAGER', 'GROUP_READ_ONLY')
    }

    It 'sends no PATCH when the key already holds the roles' {
        $key = & $newKey 'pester addrole same'
        $sent = Measure-AtlasStubRequest $stub { Set-AtlasProjectApiKey -ApiKeyId $key.Id -AddRole GROUP_READ_ONLY }
        $sent.Method | Should -Be @('GET')
    }

    It '-WhatIf sends only the read and shows the resulting set' {
        $key = & $newKey 'pester addrole whatif'
        $sent = Measure-AtlasStubRequest $stub { Set-AtlasProjectApiKey -ApiKeyId $key.Id -AddRole GROUP_OWNER -RemoveRole GROUP_READ_ONLY -WhatIf }
        $sent.Method | Should -Be @('GET')
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command "Set-AtlasProjectApiKey -ApiKeyId $($key.Id) -AddRole GROUP_OWNER -RemoveRole GROUP_READ_ONLY -WhatIf"
        $run.Text | Should -Match 'What if: .*set role\(s\) to GROUP_CLUSTER_MANAGER, GROUP_OWNER \(now GROUP_CLUSTER_MANAGER, GROUP_READ_ONLY\)'
        (Get-AtlasProjectApiKey -ApiKeyId $key.Id).Roles | Should -Be @('GROUP_CLUSTER_MANAGER', 'GROUP_READ_ONLY')
    }

    It 'refuses -Role with -AddRole or -RemoveRole, naming both, before any request' {
        $ci = Get-AtlasProjectApiKey | Where-Object Description -like 'ci deploy*'
        $sent = Measure-AtlasStubRequest $stub {
            { Set-AtlasProjectApiKey -ApiKeyId $ci.Id -Role GROUP_OWNER -AddRole GROUP_READ_ONLY } |
                Should -Throw -ErrorId 'AtlasInvalidArgument,AtlasApiKeys.Commands.SetAtlasProjectApiKeyCommand' -ExpectedMessage '-Role and -AddRole cannot be used together*'
            { Set-AtlasProjectApiKey -ApiKeyId $ci.Id -Role GROUP_OWNER -RemoveRole GROUP_READ_ONLY } |
                Should -Throw -ExpectedMessage '-Role and -RemoveRole cannot be used together*'
            { Set-AtlasProjectApiKey -ApiKeyId $ci.Id -AddRole GROUP_OWNER -RemoveRole GROUP_OWNER } |
                Should -Throw -ExpectedMessage '*-AddRole and -RemoveRole both name GROUP_OWNER*'
            { Set-AtlasProjectApiKey -ApiKeyId $ci.Id -AddRole 'group-owner' } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage "*AddRole 'group-owner' is not a project role name*"
        }
        $sent.Count | Should -Be 0
    }

    It 'reports a key not in the project as ObjectNotFound, with no PATCH' {
        $sent = Measure-AtlasStubRequest $stub {
            Set-AtlasProjectApiKey -ApiKeyId $stub.UnassignedKeyId -AddRole GROUP_OWNER -ErrorVariable script:failed -ErrorAction SilentlyContinue
        }
        $sent.Method | Should -Be @('GET')
        $script:failed[0].FullyQualifiedErrorId | Should -Be 'ApiKeyNotFound,AtlasApiKeys.Commands.SetAtlasProjectApiKeyCommand'
        $script:failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Set-AtlasProjectApiKey contract' {
    It 'has the ById (default) and InputObject parameter sets; only the key is mandatory' {
        $command = Get-Command Set-AtlasProjectApiKey
        $command.DefaultParameterSet | Should -Be 'ById'
        $command.ParameterSets.Name | Sort-Object | Should -Be @('ById', 'InputObject')
        ($command.ParameterSets | Where-Object Name -eq 'ById').Parameters | Where-Object IsMandatory | ForEach-Object Name | Should -Be @('ApiKeyId')
    }

    It 'binds from Import-Csv (Id and ProjectId columns): one PATCH a row' {
        $key = New-AtlasProjectApiKey -ProjectId $stub.Staging -Description 'pester set csv' -Role GROUP_OWNER -WarningAction SilentlyContinue
        $csv = Join-Path $TestDrive 'set.csv'
        $key | Select-Object Id, ProjectId | Export-Csv $csv -NoTypeInformation
        $sent = Measure-AtlasStubRequest $stub { Import-Csv $csv | Set-AtlasProjectApiKey -Role GROUP_READ_ONLY }
        ($sent | Where-Object Method -eq 'PATCH').Path | Should -Be "/api/atlas/v2/groups/$($stub.Staging)/apiKeys/$($key.Id)"
        (Get-AtlasProjectApiKey -ProjectId $stub.Staging -ApiKeyId $key.Id).Roles | Should -Be @('GROUP_READ_ONLY')
    }

    It 'reports a refused role as InvalidArgument with the Atlas error code' {
        $ci = Get-AtlasProjectApiKey | Select-Object -First 1
        $ci | Set-AtlasProjectApiKey -Role GROUP_NOT_A_ROLE -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'INVALID_ENUM_VALUE,AtlasApiKeys.Commands.SetAtlasProjectApiKeyCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'in a runbook: -AddRole with -Debug shows the one read and the one PATCH, no prompt' {
        $key = New-AtlasProjectApiKey -Description 'pester addrole runbook' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command "Set-AtlasProjectApiKey -ApiKeyId $($key.Id) -AddRole GROUP_OWNER -Debug -PassThru | ForEach-Object { `$_.Roles -join '+' }"
        $run.ExitCode | Should -Be 0
        @($run.Output | Where-Object { $_ -match '^DEBUG: HTTP (GET|PATCH) .* -> 200 ' }).Count | Should -Be 2
        $run.Output | Should -Contain 'GROUP_READ_ONLY+GROUP_OWNER'
    }

    It 'in a runbook with -Debug: one PATCH shown, no prompt' {
        $key = New-AtlasProjectApiKey -Description 'pester set runbook' -Role GROUP_OWNER -WarningAction SilentlyContinue
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command "Set-AtlasProjectApiKey -ApiKeyId $($key.Id) -Description 'pester set runbook 2' -Debug -Verbose -PassThru | ForEach-Object Description"
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match "^DEBUG: HTTP PATCH /api/atlas/v2/groups/$($stub.Production)/apiKeys/$($key.Id) -> 200 " } | Should -Not -BeNullOrEmpty
        $run.Output | Should -Contain 'pester set runbook 2'
    }
}
