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
