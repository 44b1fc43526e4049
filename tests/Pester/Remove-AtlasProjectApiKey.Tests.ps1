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

Describe 'Remove-AtlasProjectApiKey contract' {
    It 'has the ById (default) and InputObject parameter sets' {
        $command = Get-Command Remove-AtlasProjectApiKey
        $command.DefaultParameterSet | Should -Be 'ById'
        $command.ParameterSets.Name | Sort-Object | Should -Be @('ById', 'InputObject')
    }

    It 'binds by value: the objects Get-AtlasProjectApiKey writes, each one DELETE' {
        $keys = 1..2 | ForEach-Object { New-AtlasProjectApiKey -Description "pester byvalue $_" -Role GROUP_READ_ONLY -WarningAction SilentlyContinue }
        $sent = Measure-AtlasStubRequest $stub { $keys | Remove-AtlasProjectApiKey -Confirm:$false }
        ($sent | Where-Object Method -eq 'DELETE').Path | Should -Be ($keys | ForEach-Object { "/api/atlas/v2/groups/$($stub.Production)/apiKeys/$($_.Id)" })
    }

    It 'binds from Import-Csv (Id and ProjectId columns)' {
        $key = New-AtlasProjectApiKey -ProjectId $stub.Staging -Description 'pester remove csv' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
        $csv = Join-Path $TestDrive 'remove.csv'
        $key | Select-Object Id, ProjectId | Export-Csv $csv -NoTypeInformation
        Import-Csv $csv | Remove-AtlasProjectApiKey -Confirm:$false
        Get-AtlasProjectApiKey -ProjectId $stub.Staging | Where-Object Id -eq $key.Id | Should -BeNullOrEmpty
    }

    It 'needs -Confirm:$false in a runbook: without it nothing is removed' {
        $key = New-AtlasProjectApiKey -Description 'pester remove runbook' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command "Remove-AtlasProjectApiKey -ApiKeyId $($key.Id)"
        $run.Text | Should -Match 'NonInteractive'
        Get-AtlasProjectApiKey | Where-Object Id -eq $key.Id | Should -Not -BeNullOrEmpty

        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command "Remove-AtlasProjectApiKey -ApiKeyId $($key.Id) -Confirm:`$false -Debug -Verbose"
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match "^DEBUG: HTTP DELETE /api/atlas/v2/groups/$($stub.Production)/apiKeys/$($key.Id) -> 204 " } | Should -Not -BeNullOrEmpty
        Get-AtlasProjectApiKey | Where-Object Id -eq $key.Id | Should -BeNullOrEmpty
    }

    It 'names a piped key by its description and public key in -WhatIf; one given by id, by its ids' {
        $key = New-AtlasProjectApiKey -Description 'pester named target' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command "Get-AtlasProjectApiKey | Where-Object Id -eq '$($key.Id)' | Remove-AtlasProjectApiKey -WhatIf; Remove-AtlasProjectApiKey -ApiKeyId $($key.Id) -WhatIf"
        $run.ExitCode | Should -Be 0
        $seen = $run.Text -replace '\s+', ' '   # a host line may wrap
        $seen | Should -BeLike "*What if: Performing the operation `"Unassign from the project`" on target `"API key 'pester named target' ($($key.PublicKey), id $($key.Id)) in project $($stub.Production)`".*"
        $seen | Should -BeLike "*on target `"API key $($key.Id) in project $($stub.Production)`".*"
        Get-AtlasProjectApiKey -ApiKeyId $key.Id | Should -Not -BeNullOrEmpty
    }

    It 'refuses a malformed key id before any request' {
        $sent = Measure-AtlasStubRequest $stub {
            { Remove-AtlasProjectApiKey -ApiKeyId 'not-an-id' -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*ApiKeyId*'
        }
        $sent.Count | Should -Be 0
    }
}
