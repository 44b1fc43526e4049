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

    It 'in a runbook with -Debug: one PATCH shown, no prompt' {
        $key = New-AtlasProjectApiKey -Description 'pester set runbook' -Role GROUP_OWNER -WarningAction SilentlyContinue
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command "Set-AtlasProjectApiKey -ApiKeyId $($key.Id) -Description 'pester set runbook 2' -Debug -Verbose -PassThru | ForEach-Object Description"
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match "^DEBUG: HTTP PATCH /api/atlas/v2/groups/$($stub.Production)/apiKeys/$($key.Id) -> 200 " } | Should -Not -BeNullOrEmpty
        $run.Output | Should -Contain 'pester set runbook 2'
    }
}
