# Tab completion of -ProjectId, -ApiKeyId, -OrgId and -ProjectName from the current session, as
# TabExpansion2 runs it: bounded in time, and cached briefly per session.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub

    function Complete([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches) }

    function Set-StubLatency([int] $Milliseconds) {
        $body = @{ milliseconds = $Milliseconds } | ConvertTo-Json
        $null = Invoke-RestMethod -Uri ([uri]::new($stub.BaseUri, '_stub/latency')) -Method Put -Body $body -ContentType 'application/json'
    }

    function Wait-ProjectListing([int] $Skip) {
        <# Waits until the stub has answered a listGroups request after the first $Skip requests (a
           safety limit fails the test; the time is never what is asserted). #>
        $limit = [DateTime]::UtcNow.AddSeconds(60)
        while (-not @(Get-AtlasStubRequest $stub | Select-Object -Skip $Skip | Where-Object { $_.Path -eq '/api/atlas/v2/groups' -and $_.Status -eq 200 }).Count) {
            if ([DateTime]::UtcNow -gt $limit) { throw 'The stub never answered listGroups.' }
            Start-Sleep -Milliseconds 100
        }
    }
}

AfterAll {
    Set-StubLatency 0
    Disconnect-Atlas
    Stop-AtlasStub $stub
}

Describe 'Completion' {
    It 'offers nothing, not even file names, when there is no connection' {
        Disconnect-Atlas
        Complete 'Get-AtlasProjectApiKey -ProjectId ' | Should -BeNullOrEmpty
        Complete 'Remove-AtlasProjectApiKey -ApiKeyId ' | Should -BeNullOrEmpty
        Complete 'Connect-Atlas -OrgId ' | Should -BeNullOrEmpty
    }

    It 'offers the project ids with their names, and a second Tab sends no request' {
        Connect-AtlasStub $stub
        $mark = @(Get-AtlasStubRequest $stub).Count
        $null = Complete 'Get-AtlasProjectApiKey -ProjectId '
        Wait-ProjectListing $mark
        $sent = Measure-AtlasStubRequest $stub {
            $script:matches = Complete 'Get-AtlasProjectApiKey -ProjectId '
            $script:names = Complete 'New-AtlasProjectApiKey -ProjectName demo-s'
            $script:orgs = Complete 'Connect-Atlas -OrgId '
        }
        $sent.Count | Should -Be 0
        $script:matches.CompletionText | Should -Contain $stub.Production
        ($script:matches | Where-Object CompletionText -eq $stub.Production).ListItemText | Should -Be "demo-production ($($stub.Production))"
        $script:names.CompletionText | Should -Be @('demo-staging')
        $script:orgs.CompletionText | Should -Be @($stub.OrgId)
    }

    It 'offers the keys of the project on the command line, with public key and description' {
        Connect-AtlasStub $stub
        $null = Complete "Remove-AtlasProjectApiKey -ProjectId $($stub.Staging) -ApiKeyId "
        $limit = [DateTime]::UtcNow.AddSeconds(60)
        while (-not ($keys = Complete "Remove-AtlasProjectApiKey -ProjectId $($stub.Staging) -ApiKeyId ")) {
            if ([DateTime]::UtcNow -gt $limit) { throw 'No completion.' }
            Start-Sleep -Milliseconds 100
        }
        ($keys | Where-Object ListItemText -like '* tmp-load-test') | Should -Not -BeNullOrEmpty
        $keys.ListItemText | Should -Not -Contain 'monitoring'   # a key of another project
        $keys.ToolTip -join "`n" | Should -Match 'tmp-load-test: public key [a-z]{8}, id [0-9a-f]{24}'
    }

    It 'offers Add-AtlasProjectApiKey the organization''s keys that are not on the project yet' {
        Connect-AtlasStub $stub
        $line = "Add-AtlasProjectApiKey -ProjectId $($stub.Production) -ApiKeyId "
        $null = Complete $line
        $limit = [DateTime]::UtcNow.AddSeconds(60)
        while (-not ($keys = Complete $line)) {
            if ([DateTime]::UtcNow -gt $limit) { throw 'No completion.' }
            Start-Sleep -Milliseconds 100
        }
        $addable = @(Get-AtlasOrgApiKey | Where-Object { $stub.Production -notin $_.Assignments.ProjectId }).Id
        $addable.Count | Should -BeGreaterThan 0
        @($keys.CompletionText | Sort-Object) | Should -Be @($addable | Sort-Object)
        $keys.CompletionText | Should -Not -Contain (Get-AtlasProjectApiKey -ProjectId $stub.Production)[0].Id
    }

    It 'comes back with nothing when Atlas is slow, and the late answer serves the next Tab without a request' {
        Connect-AtlasStub $stub   # a new session: nothing cached
        $mark = @(Get-AtlasStubRequest $stub).Count
        Set-StubLatency 5000      # every exchange; a Tab waits at most 2 s
        try {
            $first = Complete 'Get-AtlasProjectApiKey -ProjectId '
        }
        finally {
            Set-StubLatency 0     # (this request waits out the latency too)
        }
        $first | Should -BeNullOrEmpty
        Wait-ProjectListing $mark # the answer came, after the Tab had returned without it
        $sent = Measure-AtlasStubRequest $stub { $script:second = Complete 'Get-AtlasProjectApiKey -ProjectId ' }
        $sent.Count | Should -Be 0
        $script:second.CompletionText | Should -Contain $stub.Production
    }
}
