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

Describe 'Remove-AtlasProjectApiKey' {
    It 'is ConfirmImpact High and sends nothing with -WhatIf' {
        (Get-Command Remove-AtlasProjectApiKey).ImplementingType.GetCustomAttributes($true) |
            Where-Object { $_ -is [System.Management.Automation.CmdletAttribute] } |
            ForEach-Object { $_.ConfirmImpact | Should -Be 'High' }
        $sent = Measure-AtlasStubRequest $stub { Get-AtlasProjectApiKey | Remove-AtlasProjectApiKey -WhatIf }
        $sent.Count | Should -BeGreaterThan 0                  # the listing went out
        $sent | Where-Object Method -ne 'GET' | Should -BeNullOrEmpty
        @(Get-AtlasProjectApiKey).Count | Should -Be 3
    }

    It 'unassigns the keys a pipeline selects' {
        New-AtlasProjectApiKey -Description 'tmp-one' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue | Out-Null
        New-AtlasProjectApiKey -Description 'tmp-two' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue | Out-Null
        $removed = Get-AtlasProjectApiKey | Where-Object Description -like 'tmp-*' | Remove-AtlasProjectApiKey -Confirm:$false -PassThru
        $removed.Description | Sort-Object | Should -Be @('tmp-one', 'tmp-two')
        Get-AtlasProjectApiKey | Where-Object Description -like 'tmp-*' | Should -BeNullOrEmpty
    }

    It 'unassigns by id' {
        $key = New-AtlasProjectApiKey -Description 'by id' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
        Remove-AtlasProjectApiKey -ProjectId $stub.Production -ApiKeyId $key.Id -Confirm:$false
        Get-AtlasProjectApiKey -ApiKeyId $key.Id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'reports each failure and goes on with the next item' {
        $key = New-AtlasProjectApiKey -Description 'after the failure' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
        $stub.UnassignedKeyId, $key.Id | ForEach-Object { [pscustomobject]@{ Id = $_ } } |
            Remove-AtlasProjectApiKey -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'RESOURCE_NOT_FOUND,AtlasApiKeys.Commands.RemoveAtlasProjectApiKeyCommand'
        Get-AtlasProjectApiKey | Where-Object Id -eq $key.Id | Should -BeNullOrEmpty
    }
}
