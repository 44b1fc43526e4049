# -ProjectName beside -ProjectId on the key cmdlets: getGroupByName, once per session.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub
    function Get-ByName($Requests) { @($Requests | Where-Object { $_.Path -like '*/groups/byName/*' -and $_.Status -ne 401 }) }   # not the digest challenge
}

AfterAll {
    Disconnect-Atlas
    Stop-AtlasStub $stub
}

Describe '-ProjectName' {
    BeforeEach { Connect-AtlasStub $stub }   # a new session: nothing looked up yet

    It 'lists the keys of the named project, looking the name up once per session' {
        $first = Measure-AtlasStubRequest $stub { $script:keys = Get-AtlasProjectApiKey -ProjectName demo-staging }
        @($script:keys | ForEach-Object ProjectId | Select-Object -Unique) | Should -Be @($stub.Staging)
        (Get-ByName $first).Count | Should -Be 1
        (Get-ByName $first)[0].Path | Should -BeLike '*/groups/byName/demo-staging'
        $again = Measure-AtlasStubRequest $stub { Get-AtlasProjectApiKey -ProjectName demo-staging }
        (Get-ByName $again).Count | Should -Be 0
        @($again).Count | Should -BeGreaterThan 0   # the listing itself went out
    }

    It 'names the target of New-, Add-, Set- and Remove-AtlasProjectApiKey' {
        $sent = Measure-AtlasStubRequest $stub {
            $script:new = New-AtlasProjectApiKey -ProjectName demo-analytics -Description 'by name' -Role GROUP_READ_ONLY -Confirm:$false 3>$null
            Set-AtlasProjectApiKey -ProjectName demo-analytics -ApiKeyId $script:new.Id -Role GROUP_OWNER -Confirm:$false
            Add-AtlasProjectApiKey -ProjectName demo-staging -ApiKeyId $script:new.Id -Role GROUP_READ_ONLY -Confirm:$false
            Remove-AtlasProjectApiKey -ProjectName demo-staging -ApiKeyId $script:new.Id -Confirm:$false
        }
        $script:new.ProjectId | Should -Be $stub.Analytics
        @((Get-AtlasProjectApiKey -ProjectId $stub.Analytics -ApiKeyId $script:new.Id).Roles) | Should -Be @('GROUP_OWNER')
        $changes = @($sent | Where-Object Method -ne 'GET')
        $changes.Count | Should -Be 4
        $changes[0].Path | Should -BeLike "*/groups/$($stub.Analytics)/apiKeys"
        $changes[1].Path | Should -BeLike "*/groups/$($stub.Analytics)/apiKeys/$($script:new.Id)"
        $changes[2].Path | Should -BeLike "*/groups/$($stub.Staging)/apiKeys/$($script:new.Id)"
        $changes[3].Path | Should -BeLike "*/groups/$($stub.Staging)/apiKeys/$($script:new.Id)"
        (Get-ByName $sent).Count | Should -Be 2   # one per name
    }

    It 'names the target project over a ProjectId from the pipeline' {
        $key = Get-AtlasProjectApiKey -ProjectId $stub.Production | Where-Object Description -eq 'monitoring'
        $key | Add-AtlasProjectApiKey -ProjectName demo-analytics -Confirm:$false
        (Get-AtlasProjectApiKey -ProjectId $stub.Analytics).Id | Should -Contain $key.Id
    }

    It 'refuses -ProjectId with -ProjectName before any request, naming both' {
        $sent = Measure-AtlasStubRequest $stub {
            { Get-AtlasProjectApiKey -ProjectId $stub.Production -ProjectName demo-staging } |
                Should -Throw -ErrorId 'AtlasProjectIdAndName,*' -ExpectedMessage '*-ProjectId*-ProjectName*'
            { Remove-AtlasProjectApiKey -ProjectId $stub.Production -ProjectName demo-staging -ApiKeyId $stub.UnassignedKeyId -Confirm:$false } |
                Should -Throw -ErrorId 'AtlasProjectIdAndName,*'
        }
        $sent.Count | Should -Be 0
    }

    It 'reports a name Atlas does not know as ObjectNotFound naming it, and lists the other names' {
        $keys = Get-AtlasProjectApiKey -ProjectName no-such-project, demo-staging -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GROUP_NAME_NOT_FOUND,*'
        "$($failed[0])" | Should -Match 'no-such-project'
        $failed[0].TargetObject | Should -Be 'no-such-project'
        @($keys | ForEach-Object ProjectId | Select-Object -Unique) | Should -Be @($stub.Staging)
    }

    It 'refuses a name longer than Atlas allows before any request' {
        $sent = Measure-AtlasStubRequest $stub {
            { Get-AtlasProjectApiKey -ProjectName ('x' * 65) } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*ProjectName*'
        }
        $sent.Count | Should -Be 0
    }
}
