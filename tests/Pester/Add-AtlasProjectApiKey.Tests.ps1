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

Describe 'Add-AtlasProjectApiKey' {
    It 'assigns an existing organization key by id, -PassThru returning it' {
        $key = Add-AtlasProjectApiKey -ApiKeyId $stub.UnassignedKeyId -Role GROUP_DATA_ACCESS_READ_ONLY -PassThru
        $key.Id | Should -Be $stub.UnassignedKeyId
        $key.Roles | Should -Be @('GROUP_DATA_ACCESS_READ_ONLY')
    }

    It 'reports an assigned key as ResourceExists, pointing to Set-AtlasProjectApiKey' {
        Add-AtlasProjectApiKey -ApiKeyId $stub.UnassignedKeyId -Role GROUP_READ_ONLY -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'API_KEY_ALREADY_IN_GROUP,AtlasApiKeys.Commands.AddAtlasProjectApiKeyCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'Set-AtlasProjectApiKey'
    }

    It 'copies keys from one project to another through the pipeline, with their roles' {
        Get-AtlasProjectApiKey -ProjectId $stub.Production | Where-Object Description -eq 'monitoring' |
            Add-AtlasProjectApiKey -ProjectId $stub.Staging
        (Get-AtlasProjectApiKey -ProjectId $stub.Staging | Where-Object Description -eq 'monitoring').Roles | Should -Be @('GROUP_OBSERVABILITY_VIEWER')
    }

    It 'binds -ApiKeyId by the Id property name' {
        $key = New-AtlasProjectApiKey -ProjectId $stub.Staging -Description 'pester add by name' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
        [pscustomobject]@{ Id = $key.Id; GroupId = $stub.Production } | Add-AtlasProjectApiKey -Role GROUP_READ_ONLY
        (Get-AtlasProjectApiKey -ProjectId $stub.Production -ApiKeyId $key.Id).Roles | Should -Be @('GROUP_READ_ONLY')
    }

    It 'sends nothing with -WhatIf' {
        $key = New-AtlasProjectApiKey -ProjectId $stub.Staging -Description 'pester add whatif' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
        $sent = Measure-AtlasStubRequest $stub { Add-AtlasProjectApiKey -ApiKeyId $key.Id -Role GROUP_READ_ONLY -WhatIf }
        $sent.Count | Should -Be 0
        # The same command without -WhatIf is one POST: the count above can fail.
        $sent = Measure-AtlasStubRequest $stub { Add-AtlasProjectApiKey -ProjectId $stub.Production -ApiKeyId $key.Id -Role GROUP_READ_ONLY }
        $sent.Method | Should -Be @('POST')
    }

    It 'refuses a public key where the key id goes' {
        { Add-AtlasProjectApiKey -ApiKeyId $stub.PublicKey -Role GROUP_READ_ONLY } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*ApiKeyId*public key*'
    }
}

Describe 'Add-AtlasProjectApiKey contract' {
    It 'has the ById (default) and InputObject parameter sets; -Role is mandatory by id only' {
        $command = Get-Command Add-AtlasProjectApiKey
        $command.DefaultParameterSet | Should -Be 'ById'
        $command.ParameterSets.Name | Sort-Object | Should -Be @('ById', 'InputObject')
        ($command.ParameterSets | Where-Object Name -eq 'ById').Parameters | Where-Object IsMandatory | ForEach-Object Name | Sort-Object | Should -Be @('ApiKeyId', 'Role')
        ($command.ParameterSets | Where-Object Name -eq 'InputObject').Parameters | Where-Object IsMandatory | ForEach-Object Name | Should -Be @('InputObject')
    }

    It 'copies piped keys with their own roles, or with -Role when given' {
        $one = New-AtlasProjectApiKey -ProjectId $stub.Production -Description 'pester copy one' -Role GROUP_CLUSTER_MANAGER, GROUP_READ_ONLY -WarningAction SilentlyContinue
        $two = New-AtlasProjectApiKey -ProjectId $stub.Production -Description 'pester copy two' -Role GROUP_OWNER -WarningAction SilentlyContinue
        $sent = Measure-AtlasStubRequest $stub {
            Get-AtlasProjectApiKey -ProjectId $stub.Production | Where-Object Description -like 'pester copy*' | Add-AtlasProjectApiKey -ProjectId $stub.Staging
        }
        ($sent | Where-Object Method -eq 'POST').Path | Sort-Object | Should -Be (@($one.Id, $two.Id) | ForEach-Object { "/api/atlas/v2/groups/$($stub.Staging)/apiKeys/$_" } | Sort-Object)
        (Get-AtlasProjectApiKey -ProjectId $stub.Staging -ApiKeyId $one.Id).Roles | Should -Be @('GROUP_CLUSTER_MANAGER', 'GROUP_READ_ONLY')
        (Get-AtlasProjectApiKey -ProjectId $stub.Staging -ApiKeyId $two.Id).Roles | Should -Be @('GROUP_OWNER')

        $three = New-AtlasProjectApiKey -ProjectId $stub.Staging -Description 'pester copy three' -Role GROUP_OWNER -WarningAction SilentlyContinue
        $three | Add-AtlasProjectApiKey -ProjectId $stub.Production -Role GROUP_READ_ONLY
        (Get-AtlasProjectApiKey -ProjectId $stub.Production -ApiKeyId $three.Id).Roles | Should -Be @('GROUP_READ_ONLY')
    }

    It 'binds from Import-Csv (Id and ProjectId columns), with -Role' {
        $key = New-AtlasProjectApiKey -ProjectId $stub.Staging -Description 'pester add csv' -Role GROUP_OWNER -WarningAction SilentlyContinue
        $csv = Join-Path $TestDrive 'add.csv'
        [pscustomobject]@{ Id = $key.Id; ProjectId = $stub.Production } | Export-Csv $csv -NoTypeInformation
        Import-Csv $csv | Add-AtlasProjectApiKey -Role GROUP_READ_ONLY
        (Get-AtlasProjectApiKey -ProjectId $stub.Production -ApiKeyId $key.Id).Roles | Should -Be @('GROUP_READ_ONLY')
    }

    It 'asks before assigning with -Confirm, and a runbook says no without a prompt' {
        $key = New-AtlasProjectApiKey -ProjectId $stub.Staging -Description 'pester add confirm' -Role GROUP_OWNER -WarningAction SilentlyContinue
        $command = "Add-AtlasProjectApiKey -ProjectId $($stub.Production) -ApiKeyId $($key.Id) -Role GROUP_READ_ONLY -Confirm"
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command $command
        $run.Text | Should -Match 'NonInteractive'
        Get-AtlasProjectApiKey -ProjectId $stub.Production | Where-Object Id -eq $key.Id | Should -BeNullOrEmpty
    }

    It 'shows the assignment under -Debug and -Verbose in a runbook' {
        $key = New-AtlasProjectApiKey -ProjectId $stub.Staging -Description 'pester add runbook' -Role GROUP_OWNER -WarningAction SilentlyContinue
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command "Add-AtlasProjectApiKey -ApiKeyId $($key.Id) -Role GROUP_READ_ONLY -PassThru -Debug | ForEach-Object Roles"
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match "^DEBUG: HTTP POST /api/atlas/v2/groups/$($stub.Production)/apiKeys/$($key.Id) -> 204 " } | Should -Not -BeNullOrEmpty
        $run.Output | Should -Contain 'GROUP_READ_ONLY'
    }
}
