# Behaviours of the async cmdlet base that need the real pwsh pipeline (Select-Object is not in the
# in-process runspace of the xunit suite), and the runbook's environment session.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub -BulkKeys 1600
    Connect-AtlasStub $stub
}

AfterAll {
    Disconnect-Atlas
    Stop-AtlasStub $stub
}

Describe 'A stopped pipeline' {
    It 'cancels the listing: Select-Object -First 2 of four pages fetches at most the page read ahead' {
        $sent = Measure-AtlasStubRequest $stub {
            $two = @(Get-AtlasProjectApiKey -ProjectId $stub.Bulk | Select-Object -First 2)
            $two.Count | Should -Be 2
            Start-Sleep -Milliseconds 500   # time for pages that would still be fetched
        }
        $pages = @($sent | Where-Object Query -match 'pageNum=')
        $pages.Count | Should -BeGreaterThan 0
        $pages | Where-Object Query -match 'pageNum=[34]' | Should -BeNullOrEmpty
    }

    It 'cancels a fan-out over several projects' {
        $sent = Measure-AtlasStubRequest $stub {
            $one = @(Get-AtlasProjectApiKey -ProjectId $stub.Bulk, $stub.Production -ThrottleLimit 1 | Select-Object -First 1)
            $one.Count | Should -Be 1
            Start-Sleep -Milliseconds 500
        }
        $sent | Where-Object Path -match $stub.Production | Should -BeNullOrEmpty   # the bulk project kept the one slot until the stop
    }

    It 'runs a downstream cmdlet inside the upstream one: Get | Set | Remove of the same keys' {
        $keys = @(Get-AtlasProjectApiKey -ProjectId $stub.Production | Where-Object Description -eq 'monitoring' |
            Set-AtlasProjectApiKey -Description 'monitoring (old)' -PassThru |
            Remove-AtlasProjectApiKey -PassThru -Confirm:$false)
        $keys.Count | Should -Be 1
        $keys[0].Description | Should -Be 'monitoring (old)'
        Get-AtlasProjectApiKey -ProjectId $stub.Production | Where-Object Id -eq $keys[0].Id | Should -BeNullOrEmpty
    }
}

Describe 'The session from the environment (a runbook)' {
    It 'is built once and kept while the variables stay the same: one challenge for two calls' {
        $sent = Measure-AtlasStubRequest $stub {
            $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command '(Get-AtlasProjectApiKey).Count; (Get-AtlasProjectApiKey).Count'
            $run.ExitCode | Should -Be 0
            $counts = @($run.Output | Where-Object { $_ -match '^\d+$' })
            $counts.Count | Should -Be 2
            $counts[0] | Should -Be $counts[1]
            [int]$counts[0] | Should -BeGreaterThan 0
        }
        @($sent.Status) | Should -Be @(401, 200, 200)
    }

    It 'signs in once when the runbook sets MONGODB_ATLAS_PROJECT_ID per project: one token for three projects' {
        $sent = Measure-AtlasStubRequest $stub {
            $command = "foreach (`$p in '$($stub.Production)', '$($stub.Staging)', '$($stub.Analytics)') { `$env:MONGODB_ATLAS_PROJECT_ID = `$p; 'count ' + @(Get-AtlasProjectApiKey).Count }"
            $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub -ServiceAccount) -Command $command
            $run.ExitCode | Should -Be 0
            @($run.Output | Where-Object { $_ -match '^count [1-9]' }).Count | Should -Be 3
        }
        @($sent | Where-Object Path -eq '/api/oauth/token').Count | Should -Be 1
        @($sent | Where-Object Path -like '/api/atlas/*' | ForEach-Object Path | Select-Object -Unique).Count | Should -Be 3
        @($sent | Where-Object { $_.Path -like '/api/atlas/*' -and $_.Query -match 'pageNum=1(&|$)' }).Count | Should -Be 3   # one listing each (staging's has four pages)
        @($sent.Status | Select-Object -Unique) | Should -Be @(200)   # never refused: the token was reused
    }
}

Describe 'A command later in the pipeline that changes the session' {
    # The listing upstream reads four pages (500 a page) while the items of each are handled downstream; the
    # session it started with must stay open until it ends. Every answer waits 150 ms, so the listing cannot
    # finish before the first item's command downstream has replaced its session (on loopback it otherwise
    # reads all four pages ahead, and nothing would be closed under it).
    BeforeAll {
        function Set-StubLatency([int] $Milliseconds) {
            $body = @{ milliseconds = $Milliseconds } | ConvertTo-Json
            $null = Invoke-RestMethod -Uri ([uri]::new($stub.BaseUri, '_stub/latency')) -Method Put -Body $body -ContentType 'application/json'
        }
        Set-StubLatency 150
    }

    AfterAll {
        Set-StubLatency 0
    }

    It 'does not close it under a listing still running: Connect-Atlas downstream' {
        $seen = 0
        $errors = @(Get-AtlasProjectApiKey -ProjectId $stub.Bulk -ErrorVariable failed -ErrorAction SilentlyContinue | ForEach-Object {
                $seen++
                if ($seen % 500 -eq 1) { Connect-AtlasStub $stub }   # replaces the connected session each page
            }) + @($failed)
        $errors | Should -BeNullOrEmpty
        $seen | Should -Be 1600
        (Get-AtlasProjectApiKey -ProjectId $stub.Bulk | Measure-Object).Count | Should -Be 1600   # the newest connection works
    }

    It 'does not close it under a listing still running: a runbook changing MONGODB_ATLAS_PROJECT_ID downstream' {
        $command = @"
`$seen = 0
Get-AtlasProjectApiKey -ProjectId '$($stub.Bulk)' | ForEach-Object {
    `$seen++
    if (`$seen % 500 -eq 1) {
        `$env:MONGODB_ATLAS_PROJECT_ID = if (`$seen % 1000 -eq 1) { '$($stub.Staging)' } else { '$($stub.Production)' }
        'inner ' + @(Get-AtlasProjectApiKey).Count
    }
}
'seen ' + `$seen
"@
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command $command
        $run.Output | Where-Object { $_ -like 'ERROR:*' } | Should -BeNullOrEmpty
        $run.Output | Should -Contain 'seen 1600'
        @($run.Output | Where-Object { $_ -like 'inner *' }).Count | Should -Be 4
        $run.ExitCode | Should -Be 0
    }
}
