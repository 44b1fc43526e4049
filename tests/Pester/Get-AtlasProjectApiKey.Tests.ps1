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

Describe 'Get-AtlasProjectApiKey' {
    It 'lists every key of the project with the roles it holds there' {
        $keys = Get-AtlasProjectApiKey -ProjectId $stub.Production
        $keys.Count | Should -Be 3
        $keys[0].GetType().FullName | Should -Be 'AtlasApiKeys.Core.Model.ProjectApiKey'
        ($keys | Where-Object Description -eq 'ci deploy').Roles | Should -Be @('GROUP_CLUSTER_MANAGER', 'GROUP_READ_ONLY')
        ($keys | Where-Object Description -eq 'ci deploy').OrgRoles | Should -Be @('ORG_MEMBER')
        $keys | ForEach-Object { $_.PrivateKey | Should -BeNullOrEmpty }
    }

    It 'uses the default project of the session' {
        (Get-AtlasProjectApiKey).ProjectId | Select-Object -Unique | Should -Be $stub.Production
    }

    It 'takes the project by property name (GroupId alias)' {
        $keys = [pscustomobject]@{ GroupId = $stub.Staging } | Get-AtlasProjectApiKey
        $keys.ProjectId | Select-Object -Unique | Should -Be $stub.Staging
    }

    It 'gets one key by id, and ObjectNotFound for a key not in the project' {
        $one = Get-AtlasProjectApiKey -ProjectId $stub.Production
        (Get-AtlasProjectApiKey -ProjectId $stub.Production -ApiKeyId $one[1].Id).Id | Should -Be $one[1].Id
        Get-AtlasProjectApiKey -ProjectId $stub.Production -ApiKeyId $stub.UnassignedKeyId -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -Be 'ApiKeyNotFound,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'lists several projects in input order' {
        $keys = Get-AtlasProjectApiKey -ProjectId $stub.Staging, $stub.Production -ThrottleLimit 2
        $keys.ProjectId | Select-Object -Unique | Should -Be @($stub.Staging, $stub.Production)
    }

    It 'pages with -First, -Skip and -IncludeTotalCount' {
        $all = Get-AtlasProjectApiKey -ProjectId $stub.Production
        $page = @(Get-AtlasProjectApiKey -ProjectId $stub.Production -Skip 1 -First 1 -IncludeTotalCount)
        $page.Count | Should -Be 2
        [uint64]$page[0].psobject.BaseObject | Should -Be 3     # the total count comes first
        $page[1].Id | Should -Be $all[1].Id
    }

    It '-First 0 writes nothing and asks nothing; with -IncludeTotalCount, only the total, from one key a project' {
        (Measure-AtlasStubRequest $stub { Get-AtlasProjectApiKey -ProjectId $stub.Production -First 0 | Should -BeNullOrEmpty }).Count | Should -Be 0
        $sent = Measure-AtlasStubRequest $stub {
            $total = @(Get-AtlasProjectApiKey -ProjectId $stub.Production -Skip 2 -First 0 -IncludeTotalCount)
            $total.Count | Should -Be 1
            [uint64]$total[0].psobject.BaseObject | Should -Be 3
        }
        $sent.Count | Should -Be 1
        $sent[0].Query | Should -Match 'itemsPerPage=1(&|$)'
        $staging = @(Get-AtlasProjectApiKey -ProjectId $stub.Staging).Count
        $sent = Measure-AtlasStubRequest $stub {
            $total = @(Get-AtlasProjectApiKey -ProjectId $stub.Staging, $stub.Production -First 0 -IncludeTotalCount)
            $total.Count | Should -Be 1
            [uint64]$total[0].psobject.BaseObject | Should -Be ($staging + 3)
        }
        $sent.Count | Should -Be 2
        @($sent | Where-Object Query -match 'itemsPerPage=1(&|$)').Count | Should -Be 2
    }

    It 'reports an unknown project with the Atlas error code and goes on' {
        $keys = Get-AtlasProjectApiKey -ProjectId '0123456789abcdef01234567', $stub.Production -ErrorVariable failed -ErrorAction SilentlyContinue
        $keys.Count | Should -Be 3
        $failed[0].FullyQualifiedErrorId | Should -Be 'GROUP_NOT_FOUND,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].ErrorDetails.Message | Should -Match '0123456789abcdef01234567'
    }

    It 'refuses a public key where a key id goes, before any request' {
        $sent = Measure-AtlasStubRequest $stub {
            { Get-AtlasProjectApiKey -ApiKeyId 'zmmrboas' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage "*ApiKeyId 'zmmrboas' looks like a public key; pass the key's Id*"
        }
        $sent.Count | Should -Be 0
        (Measure-AtlasStubRequest $stub { Get-AtlasProjectApiKey -ProjectId $stub.Production }).Count | Should -Be 1
    }

    It 'takes a project name under -ProjectId for what it is, before any request' {
        $sent = Measure-AtlasStubRequest $stub {
            $failure = { Get-AtlasProjectApiKey -ProjectId 'payments' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -PassThru
            $failure.Exception.Message | Should -BeLike "*ProjectId 'payments' looks like a project name, not an id: pass the project's id (24 hex digits*-ProjectName*"
            $failure.Exception.Message | Should -Not -BeLike '*public key*'
        }
        $sent.Count | Should -Be 0
        (Measure-AtlasStubRequest $stub { Get-AtlasProjectApiKey -ProjectId $stub.Production }).Count | Should -Be 1
    }

    It 'shows each exchange with -Debug and no secret' {
        $debug = Get-AtlasProjectApiKey -ProjectId $stub.Production -Debug 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        $debug.Message | Where-Object { $_ -match '^HTTP GET /api/atlas/v2/groups/\w+/apiKeys\?.* -> 200 ' } | Should -Not -BeNullOrEmpty
        ($debug.Message -join "`n") | Should -Not -Match ([regex]::Escape($stub.PrivateKeyText))
    }

    It 'takes -Session instead of the stored one' {
        $session = Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -PassThru
        (Get-AtlasProjectApiKey -Session $session -ProjectId $stub.Staging).ProjectId | Select-Object -Unique | Should -Be $stub.Staging
        Connect-AtlasStub $stub
    }
}

Describe 'Get-AtlasProjectApiKey in a runbook (a pwsh -NonInteractive child with MONGODB_ATLAS_* variables)' {
    It 'returns the keys and the debug lines with -Debug, and nothing prompts' {
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command '(Get-AtlasProjectApiKey -Debug).Count'
        $run.ExitCode | Should -Be 0
        $run.Text | Should -Not -Match 'NonInteractive mode|Continue with this operation'
        $run.Output | Where-Object { $_ -match '^DEBUG: HTTP GET /api/atlas/v2/groups/\w+/apiKeys\?.* -> 200 ' } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match '^\d+$' } | Should -Be '3'
        $run.Text | Should -Not -Match ([regex]::Escape($stub.PrivateKeyText))
    }

    It 'writes verbose lines with -Verbose, and no exchange trace' {
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command '(Get-AtlasProjectApiKey -Verbose).Count'
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match '^VERBOSE: Listing the API keys of project ' } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match '^DEBUG:' } | Should -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match '^\d+$' } | Should -Be '3'
    }

    It 'shows each retry with -Verbose, and with -Debug alone without a prompt' {
        $fault = [uri]::new($stub.BaseUri, '_stub/faults')
        $null = Invoke-RestMethod -Method Post -Uri $fault -Body '{"kind":"ServiceUnavailable","count":1}' -ContentType 'application/json'
        $verbose = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command '(Get-AtlasProjectApiKey -Verbose).Count'
        $null = Invoke-RestMethod -Method Post -Uri $fault -Body '{"kind":"TooManyRequests","count":1}' -ContentType 'application/json'
        $debug = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command '(Get-AtlasProjectApiKey -Debug).Count'

        $verbose.Output | Where-Object { $_ -match '^VERBOSE: Atlas answered 503; trying again in \d+(\.\d)? s \(attempt 2 of 5\)$' } | Should -HaveCount 1
        $debug.Output | Where-Object { $_ -match '^DEBUG: Atlas answered 429 \(too many requests\); trying again in \d+(\.\d)? s \(attempt 2 of 5\)$' } | Should -HaveCount 1
        $debug.Text | Should -Not -Match 'NonInteractive mode|Continue with this operation'
        foreach ($run in $verbose, $debug) {
            $run.ExitCode | Should -Be 0
            $run.Output | Where-Object { $_ -match '^\d+$' } | Should -Be '3'
        }
    }

    It 'works with a service account from the environment, -Debug and -Verbose together' {
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub -ServiceAccount) -Command '(Get-AtlasProjectApiKey -Debug -Verbose).Count'
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match '^VERBOSE: Listing' } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match '^DEBUG: HTTP GET ' } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match '^\d+$' } | Should -Be '3'
        $run.Text | Should -Not -Match ([regex]::Escape($stub.ServiceAccount.GetNetworkCredential().Password))
    }

    It 'stops a runbook with $ErrorActionPreference = Stop on an unknown project, catchable' {
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command @'
$ErrorActionPreference = 'Stop'
try { Get-AtlasProjectApiKey -ProjectId 0123456789abcdef01234567; 'not reached' }
catch { "caught $($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category)" }
'@
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain 'caught GROUP_NOT_FOUND,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand ObjectNotFound'
        $run.Output | Should -Not -Contain 'not reached'
    }
}

Describe 'Get-AtlasProjectApiKey with a bad MONGODB_ATLAS_* variable (a runbook)' {
    BeforeAll {
        # What a runbook sees: the error id, category and target, and the text a person reads.
        $script:Catch = @'
$ErrorActionPreference = 'Stop'
try { {0}; 'not reached' }
catch { "caught $($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category) $($_.TargetObject)"; "seen $_" }
'@
        function Invoke-WithVariable([hashtable] $Change, [string] $Command) {
            $environment = Get-AtlasStubEnvironment $stub
            foreach ($name in $Change.Keys) { $environment[$name] = $Change[$name] }
            Invoke-AtlasChildPwsh -Environment $environment -Command ($script:Catch.Replace('{0}', $Command))
        }
    }

    It 'names MONGODB_ATLAS_PROJECT_ID when it is a project name and the command needs it, before any request' {
        $sent = Measure-AtlasStubRequest $stub { $script:run = Invoke-WithVariable @{ MONGODB_ATLAS_PROJECT_ID = 'prod' } 'Get-AtlasProjectApiKey' }
        $sent.Count | Should -Be 0
        $run.Output | Should -Contain 'caught AtlasInvalidEnvironmentVariable,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand InvalidArgument MONGODB_ATLAS_PROJECT_ID'
        $run.Output | Should -Contain "seen MONGODB_ATLAS_PROJECT_ID 'prod' looks like a project name, not an id: set it to the project's id (24 hex digits, shown in Atlas under Project Settings). Fix the variable, or pass -ProjectId."
    }

    It 'does not let a bad MONGODB_ATLAS_PROJECT_ID or MONGODB_ATLAS_ORG_ID block a command given -ProjectId' {
        $run = Invoke-WithVariable @{ MONGODB_ATLAS_PROJECT_ID = 'prod'; MONGODB_ATLAS_ORG_ID = 'my-org' } "(Get-AtlasProjectApiKey -ProjectId $($stub.Production)).Count"
        $run.Output | Should -Contain '3'
        $run.Output | Should -Contain 'not reached'   # no error: the try block ran to its end
        $run.Text | Should -Not -Match 'caught'
    }

    It 'names MONGODB_ATLAS_OPS_MANAGER_URL for plain http to another host, and the way to allow it' {
        $run = Invoke-WithVariable @{ MONGODB_ATLAS_OPS_MANAGER_URL = 'http://10.0.0.5' } 'Get-AtlasProjectApiKey'
        $run.Output | Should -Contain 'caught AtlasInvalidEnvironmentVariable,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand InvalidArgument MONGODB_ATLAS_OPS_MANAGER_URL'
        $run.Output | Should -Contain "seen MONGODB_ATLAS_OPS_MANAGER_URL 'http://10.0.0.5' uses plain http to a host that is not loopback: credentials would cross the network unencrypted. Use https. No variable allows plain http: a script that means it says so with Connect-Atlas -BaseUri http://10.0.0.5 -AllowInsecureHttp."
    }

    It 'names the missing half of a key pair, and shows no secret' {
        $run = Invoke-WithVariable @{ MONGODB_ATLAS_PUBLIC_API_KEY = ' ' } 'Get-AtlasProjectApiKey'
        $run.Output | Should -Contain 'caught AtlasInvalidEnvironmentVariable,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand InvalidArgument MONGODB_ATLAS_PUBLIC_API_KEY'
        $run.Output | Should -Contain 'seen MONGODB_ATLAS_PRIVATE_API_KEY is set but MONGODB_ATLAS_PUBLIC_API_KEY is empty or not set: set both (the API key''s public and private key), or neither.'
        $run.Text | Should -Not -Match ([regex]::Escape($stub.PrivateKeyText))
    }
}

Describe 'Get-AtlasProjectApiKey contract' {
    It 'has the List (default, paging) and One parameter sets' {
        $command = Get-Command Get-AtlasProjectApiKey
        $command.DefaultParameterSet | Should -Be 'List'
        $command.ParameterSets.Name | Sort-Object | Should -Be @('List', 'One')
        $command.Parameters.Keys | Should -Contain 'First'
        ($command.ParameterSets | Where-Object Name -eq 'One').Parameters | Where-Object IsMandatory | ForEach-Object Name | Should -Be @('ApiKeyId')
    }

    It 'binds -ProjectId by value from strings and from Import-Csv' {
        $sent = Measure-AtlasStubRequest $stub { $keys = $stub.Staging | Get-AtlasProjectApiKey; $keys.ProjectId | Select-Object -Unique | Should -Be $stub.Staging }
        $sent.Path | Select-Object -Unique | Should -Be "/api/atlas/v2/groups/$($stub.Staging)/apiKeys"
        $csv = Join-Path $TestDrive 'projects.csv'
        [pscustomobject]@{ ProjectId = $stub.Production }, [pscustomobject]@{ ProjectId = $stub.Staging } | Export-Csv $csv -NoTypeInformation
        (Import-Csv $csv | Get-AtlasProjectApiKey).ProjectId | Select-Object -Unique | Should -Be @($stub.Production, $stub.Staging)
    }

    It 'gets keys by Id and ProjectId property names from Import-Csv (the One set)' {
        $csv = Join-Path $TestDrive 'keys.csv'
        Get-AtlasProjectApiKey -ProjectId $stub.Production | Select-Object Id, ProjectId | Export-Csv $csv -NoTypeInformation
        $sent = Measure-AtlasStubRequest $stub { (Import-Csv $csv | Get-AtlasProjectApiKey).Count | Should -Be 3 }
        $sent.Method | Select-Object -Unique | Should -Be 'GET'
    }

    It 'stops the listing when the pipeline stops (Select-Object -First 1): one page of four is read' {
        $bulk = Start-AtlasStub -BulkKeys 1600
        try {
            Connect-Atlas -BaseUri $bulk.BaseUri -Credential $bulk.Credential
            $sent = Measure-AtlasStubRequest $bulk { (Get-AtlasProjectApiKey -ProjectId $bulk.Bulk | Select-Object -First 1).Id | Should -Match '^[0-9a-f]{24}$' }
            # 1,600 keys are four pages of 500; the read-ahead may ask for the second, never the third or fourth.
            $pages = { param($requests) @($requests | Where-Object Status -eq 200 | ForEach-Object { if ($_.Query -match 'pageNum=(\d+)') { [int]$Matches[1] } } | Sort-Object -Unique) }
            & $pages $sent | Should -Not -Contain 3
            & $pages $sent | Should -Not -Contain 4
            # The same listing read whole asks for all four (a late read-ahead of the first may be logged here too).
            $sent = Measure-AtlasStubRequest $bulk { Get-AtlasProjectApiKey -ProjectId $bulk.Bulk | Out-Null }
            & $pages $sent | Should -Be @(1, 2, 3, 4)
        }
        finally {
            Stop-AtlasStub $bulk
            Connect-AtlasStub $stub
        }
    }
}
