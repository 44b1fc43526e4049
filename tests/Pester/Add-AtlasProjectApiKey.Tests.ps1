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
