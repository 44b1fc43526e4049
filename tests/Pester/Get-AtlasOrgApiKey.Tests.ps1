BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub
    Connect-AtlasStub $stub
    $orgKeysPath = "/api/atlas/v2/orgs/$($stub.OrgId)/apiKeys"
}

AfterAll {
    Disconnect-Atlas
    Stop-AtlasStub $stub
}

Describe 'Get-AtlasOrgApiKey' {
    It 'lists every key of the organization, one object each, with its roles in the organization and in every project' {
        $sent = Measure-AtlasStubRequest $stub { $script:keys = @(Get-AtlasOrgApiKey -OrgId $stub.OrgId) }
        @($sent | Where-Object { $_.Path -eq $orgKeysPath -and $_.Status -eq 200 }).Count | Should -Be 1
        $keys.Count | Should -Be 6
        $keys[0].GetType().FullName | Should -Be 'AtlasApiKeys.Core.Model.OrgApiKey'
        $ci = $keys | Where-Object Description -eq 'ci deploy'
        $ci.Id | Should -Be $stub.CiDeployKeyId
        $ci.OrgId | Should -Be $stub.OrgId
        $ci.OrgRoles | Should -Be @('ORG_MEMBER')
        ($ci.Assignments | Where-Object ProjectId -eq $stub.Production).Roles | Should -Be @('GROUP_CLUSTER_MANAGER', 'GROUP_READ_ONLY')
        ($ci.Assignments | Where-Object ProjectId -eq $stub.Staging).Roles | Should -Be @('GROUP_OWNER')
        $ci.Assignments.Id | Select-Object -Unique | Should -Be $ci.Id
        ($keys | Where-Object Id -eq $stub.UnassignedKeyId).Assignments.Count | Should -Be 0
    }

    It 'never shows a private key' {
        $keys = Get-AtlasOrgApiKey -OrgId $stub.OrgId
        $keys[0].psobject.Properties.Name | Should -Not -Contain 'PrivateKey'
        ($keys | Format-List * | Out-String) + ($keys | Out-String) | Should -Not -Match ([regex]::Escape($stub.PrivateKeyText))
    }

    It 'gets one key by id, and RESOURCE_NOT_FOUND for an unknown one' {
        $sent = Measure-AtlasStubRequest $stub { $script:one = Get-AtlasOrgApiKey -OrgId $stub.OrgId -ApiKeyId $stub.CiDeployKeyId }
        $sent.Path | Should -Be "$orgKeysPath/$($stub.CiDeployKeyId)"
        $one.Assignments.ProjectId | Sort-Object | Should -Be (@($stub.Production, $stub.Staging) | Sort-Object)
        Get-AtlasOrgApiKey -OrgId $stub.OrgId -ApiKeyId '0123456789abcdef01234567' -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -Be 'RESOURCE_NOT_FOUND,AtlasApiKeys.Commands.GetAtlasOrgApiKeyCommand'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].TargetObject | Should -Be '0123456789abcdef01234567'
    }

    It 'pages with -First, -Skip and -IncludeTotalCount' {
        $all = Get-AtlasOrgApiKey -OrgId $stub.OrgId
        $page = @(Get-AtlasOrgApiKey -OrgId $stub.OrgId -Skip 2 -First 2 -IncludeTotalCount)
        $page.Count | Should -Be 3
        [uint64]$page[0].psobject.BaseObject | Should -Be 6     # the total count comes first
        $page[1..2].Id | Should -Be $all[2..3].Id
    }

    It '-First 0 writes nothing and asks nothing; with -IncludeTotalCount, only the total, from one key' {
        (Measure-AtlasStubRequest $stub { Get-AtlasOrgApiKey -OrgId $stub.OrgId -First 0 | Should -BeNullOrEmpty }).Count | Should -Be 0
        $sent = Measure-AtlasStubRequest $stub {
            $total = @(Get-AtlasOrgApiKey -OrgId $stub.OrgId -First 0 -IncludeTotalCount)
            $total.Count | Should -Be 1
            [uint64]$total[0].psobject.BaseObject | Should -Be 6
        }
        $sent.Count | Should -Be 1
        $sent[0].Query | Should -Match 'itemsPerPage=1(&|$)'
    }

    It 'shows every role and the whole description in a table at <_> columns, and the projects each key is on' -ForEach 80, 120 {
        $width = $_
        $model = 'AtlasApiKeys.Core.Model'
        $longest = New-Object "$model.OrgApiKey" -ArgumentList '0123456789abcdef01234567', 'abcdefgh', 'a long description of a key, with words enough to wrap twice at eighty', $stub.OrgId,
            ([string[]]@('ORG_STREAM_PROCESSING_ADMIN', 'ORG_BILLING_READ_ONLY')),
            ([object[]]@((New-Object "$model.ApiKeyAssignment" -ArgumentList $stub.Production, '0123456789abcdef01234567', ([string[]]@('GROUP_STREAM_PROCESSING_OWNER')))) -as "$model.ApiKeyAssignment[]")
        $keys = @(Get-AtlasOrgApiKey -OrgId $stub.OrgId) + $longest
        $lines = ($keys | Out-String -Width $width) -split '\r?\n'
        $lines | Where-Object { $_.Length -gt $width } | Should -BeNullOrEmpty
        $column = ($lines | Where-Object { $_ -match '^Id\s' }).IndexOf('Description')
        foreach ($key in $keys) {
            # The key's row: its first line starts with the id, the wrapped lines after it with spaces.
            $at = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l.StartsWith($key.Id) })
            $row = @($lines[$at]) + @($lines[($at + 1)..($lines.Count - 1)] | ForEach-Object -Begin { $go = $true } { if ($go -and $_ -match '^\s+\S') { $_ } else { $go = $false } })
            $row[0] | Should -Match " $($key.PublicKey) "
            $tokens = $row | ForEach-Object { $_.Substring(0, [Math]::Min($column, $_.Length)).Trim() -split '\s{2,}' }
            $tokens = (@($tokens) -join "`n") -replace "_`n", '_' -split "`n"   # a role longer than the column goes on after its underscore
            foreach ($role in $key.OrgRoles) { $tokens | Should -Contain $role }
            $tokens | Should -Contain $(switch ($key.Assignments.Count) { 0 { 'on no project' } 1 { 'on 1 project' } default { "on $_ projects" } })
            $description = -join ($row | Where-Object Length -gt $column | ForEach-Object { $_.Substring($column) })
            ($description -replace '\s') | Should -Be ($key.Description -replace '\s')
            if ($key -ne $longest) { $row[0].Substring($column).TrimEnd() | Should -Be $key.Description }   # the seed's descriptions fit whole on one line
        }

        $assignments = ($longest, (Get-AtlasOrgApiKey -OrgId $stub.OrgId -ApiKeyId $stub.CiDeployKeyId)).Assignments | Out-String -Width $width
        $assignments -split '\r?\n' | Where-Object { $_.Length -gt $width } | Should -BeNullOrEmpty
        $assignments -split '\r?\n' | Where-Object { $_ -match '^\s+GROUP_READ_ONLY\s*$' } | Should -Not -BeNullOrEmpty   # one role a line
        foreach ($role in 'GROUP_STREAM_PROCESSING_OWNER', 'GROUP_CLUSTER_MANAGER', 'GROUP_READ_ONLY', 'GROUP_OWNER') { -split $assignments | Should -Contain $role }
    }
}

Describe 'Get-AtlasOrgApiKey: the organization id' {
    AfterAll { Connect-AtlasStub $stub }

    It 'comes from Connect-Atlas -OrgId: no project look-up' {
        Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $stub.Production -OrgId $stub.OrgId
        $sent = Measure-AtlasStubRequest $stub { (Get-AtlasOrgApiKey).Count | Should -Be 6 }
        $sent | Where-Object Path -like '/api/atlas/v2/groups/*' | Should -BeNullOrEmpty
        @($sent | Where-Object { $_.Path -eq $orgKeysPath -and $_.Status -eq 200 }).Count | Should -Be 1
    }

    It 'is looked up from the project when nothing else gives one: one getGroup for the session' {
        Connect-AtlasStub $stub
        $sent = Measure-AtlasStubRequest $stub {
            (Get-AtlasOrgApiKey).Count | Should -Be 6
            (Get-AtlasOrgApiKey -ApiKeyId $stub.CiDeployKeyId).Id | Should -Be $stub.CiDeployKeyId
        }
        @($sent | Where-Object { $_.Path -eq "/api/atlas/v2/groups/$($stub.Production)" -and $_.Status -eq 200 }).Count | Should -Be 1
        @($sent | Where-Object { $_.Path -like "$orgKeysPath*" -and $_.Status -eq 200 }).Count | Should -Be 2
    }

    It 'is an InvalidArgument error naming OrgId and the four ways when nothing gives one, and nothing is sent' {
        $env:MONGODB_ATLAS_ORG_ID | Should -BeNullOrEmpty
        Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential
        $sent = Measure-AtlasStubRequest $stub { Get-AtlasOrgApiKey -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty; $script:failed = $err }
        $sent.Count | Should -Be 0
        $failed[0].FullyQualifiedErrorId | Should -Be 'AtlasInvalidArgument,AtlasApiKeys.Commands.GetAtlasOrgApiKeyCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failed[0].Exception.ParamName | Should -Be 'OrgId'
        foreach ($way in '-OrgId', 'Connect-Atlas -OrgId', 'MONGODB_ATLAS_ORG_ID', 'MONGODB_ATLAS_PROJECT_ID') { $failed[0].Exception.Message | Should -BeLike "*$way*" }
        @((Measure-AtlasStubRequest $stub { Get-AtlasOrgApiKey -OrgId $stub.OrgId }) | Where-Object Status -eq 200).Count | Should -Be 1   # the same session lists with -OrgId
    }

    It 'comes from MONGODB_ATLAS_ORG_ID in a runbook: no project look-up' {
        $environment = Get-AtlasStubEnvironment $stub
        $environment.MONGODB_ATLAS_ORG_ID = $stub.OrgId
        $sent = Measure-AtlasStubRequest $stub {
            $script:run = Invoke-AtlasChildPwsh -Environment $environment -Command '(Get-AtlasOrgApiKey).Count'
        }
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match '^\d+$' } | Should -Be '6'
        $sent | Where-Object Path -like '/api/atlas/v2/groups/*' | Should -BeNullOrEmpty
        $sent | Where-Object Path -eq $orgKeysPath | Should -Not -BeNullOrEmpty
        # Without the variable the same runbook looks the organization up from MONGODB_ATLAS_PROJECT_ID.
        $sent = Measure-AtlasStubRequest $stub { $null = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command '(Get-AtlasOrgApiKey).Count' }
        $sent | Where-Object Path -eq "/api/atlas/v2/groups/$($stub.Production)" | Should -Not -BeNullOrEmpty
    }

    It 'names a bad MONGODB_ATLAS_ORG_ID in a runbook, before any request; -OrgId goes on without it' {
        $environment = Get-AtlasStubEnvironment $stub
        $environment.MONGODB_ATLAS_ORG_ID = 'my-org'
        $sent = Measure-AtlasStubRequest $stub {
            $script:run = Invoke-AtlasChildPwsh -Environment $environment -Command @'
$ErrorActionPreference = 'Stop'
try { Get-AtlasOrgApiKey; 'not reached' }
catch { "caught $($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category) $($_.TargetObject)"; "seen $_" }
'@
        }
        $sent.Count | Should -Be 0
        $run.Output | Should -Contain 'caught AtlasInvalidEnvironmentVariable,AtlasApiKeys.Commands.GetAtlasOrgApiKeyCommand InvalidArgument MONGODB_ATLAS_ORG_ID'
        $run.Output | Should -Contain "seen MONGODB_ATLAS_ORG_ID 'my-org' is not a valid id: it must be 24 hexadecimal digits."
        $run = Invoke-AtlasChildPwsh -Environment $environment -Command "(Get-AtlasOrgApiKey -OrgId $($stub.OrgId)).Count"
        $run.Output | Where-Object { $_ -match '^\d+$' } | Should -Be '6'
    }
}

Describe 'Get-AtlasOrgApiKey: the assignments pipe into the project cmdlets' {
    It 'unassigns a key from every project it is on: .Assignments | Remove-AtlasProjectApiKey' {
        $key = New-AtlasProjectApiKey -ProjectId $stub.Production -Description 'pester everywhere' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
        Add-AtlasProjectApiKey -ProjectId $stub.Staging -ApiKeyId $key.Id -Role GROUP_OWNER
        Add-AtlasProjectApiKey -ProjectId $stub.Analytics -ApiKeyId $key.Id -Role GROUP_READ_ONLY
        $sent = Measure-AtlasStubRequest $stub { (Get-AtlasOrgApiKey -ApiKeyId $key.Id).Assignments | Remove-AtlasProjectApiKey -Confirm:$false }
        ($sent | Where-Object Method -eq 'DELETE').Path | Sort-Object |
            Should -Be (@($stub.Production, $stub.Staging, $stub.Analytics) | ForEach-Object { "/api/atlas/v2/groups/$_/apiKeys/$($key.Id)" } | Sort-Object)
        $left = Get-AtlasOrgApiKey -ApiKeyId $key.Id
        $left.Assignments.Count | Should -Be 0   # the organization key remains
        $left | Remove-AtlasOrgApiKey -Confirm:$false
    }

    It 'copies a key''s assignments with their roles to a new key: $old.Assignments | Add-AtlasProjectApiKey -ApiKeyId $new.Id' {
        $old = Get-AtlasOrgApiKey -ApiKeyId $stub.CiDeployKeyId
        $new = New-AtlasProjectApiKey -ProjectId $stub.Analytics -Description 'pester rotation' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue
        $sent = Measure-AtlasStubRequest $stub { $old.Assignments | Add-AtlasProjectApiKey -ApiKeyId $new.Id }
        @($sent | Where-Object Method -eq 'POST').Count | Should -Be 2
        $copied = Get-AtlasOrgApiKey -ApiKeyId $new.Id
        foreach ($assignment in $old.Assignments) {
            ($copied.Assignments | Where-Object ProjectId -eq $assignment.ProjectId).Roles | Should -Be $assignment.Roles
        }
        ($copied.Assignments | Where-Object ProjectId -eq $stub.Analytics).Roles | Should -Be @('GROUP_READ_ONLY')
        (Get-AtlasOrgApiKey -ApiKeyId $old.Id).Assignments.Count | Should -Be 2   # the old key keeps its own
        $copied | Remove-AtlasOrgApiKey -Confirm:$false
    }
}

Describe 'Get-AtlasOrgApiKey in a runbook (a pwsh -NonInteractive child with MONGODB_ATLAS_* variables)' {
    It 'writes the exchanges with -Debug and its steps with -Verbose, no secret, and nothing prompts' {
        $environment = Get-AtlasStubEnvironment $stub
        $environment.MONGODB_ATLAS_ORG_ID = $stub.OrgId
        $run = Invoke-AtlasChildPwsh -Environment $environment -Command '(Get-AtlasOrgApiKey -Debug -Verbose).Count'
        $run.ExitCode | Should -Be 0
        $run.Text | Should -Not -Match 'NonInteractive mode|Continue with this operation'
        $run.Output | Where-Object { $_ -match "^DEBUG: HTTP GET $([regex]::Escape($orgKeysPath))\?.* -> 200 " } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match "^VERBOSE: Listing the API keys of organization $($stub.OrgId)" } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match '^\d+$' } | Should -Be '6'
        $run.Text | Should -Not -Match ([regex]::Escape($stub.PrivateKeyText))
    }

    It 'stops a runbook with $ErrorActionPreference = Stop on an unknown key, catchable' {
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command @'
$ErrorActionPreference = 'Stop'
try { Get-AtlasOrgApiKey -ApiKeyId 0123456789abcdef01234567; 'not reached' }
catch { "caught $($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category)" }
'@
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain 'caught RESOURCE_NOT_FOUND,AtlasApiKeys.Commands.GetAtlasOrgApiKeyCommand ObjectNotFound'
        $run.Output | Should -Not -Contain 'not reached'
    }
}

Describe 'Get-AtlasOrgApiKey contract' {
    It 'has the List (default, paging) and One parameter sets, and is not confirmable' {
        $command = Get-Command Get-AtlasOrgApiKey
        $command.DefaultParameterSet | Should -Be 'List'
        $command.ParameterSets.Name | Sort-Object | Should -Be @('List', 'One')
        $command.Parameters.Keys | Should -Contain 'First'
        $command.Parameters.Keys | Should -Not -Contain 'WhatIf'
        ($command.ParameterSets | Where-Object Name -eq 'One').Parameters | Where-Object IsMandatory | ForEach-Object Name | Should -Be @('ApiKeyId')
        $command.Parameters.ApiKeyId.Aliases | Should -Be @('Id')
    }

    It 'binds ApiKeyId by the property name Id: the project keys Get-AtlasProjectApiKey writes give their organization keys' {
        $sent = Measure-AtlasStubRequest $stub { $script:keys = @(Get-AtlasProjectApiKey -ProjectId $stub.Staging | Get-AtlasOrgApiKey) }
        $keys.Count | Should -Be 3
        $keys | ForEach-Object { $_.GetType().Name | Should -Be 'OrgApiKey' }
        @($sent | Where-Object Path -like "$orgKeysPath/*").Count | Should -Be 3
    }

    It 'binds OrgId and Id by property name from Import-Csv' {
        $csv = Join-Path $TestDrive 'org-keys.csv'
        [pscustomobject]@{ OrgId = $stub.OrgId; Id = $stub.CiDeployKeyId } | Export-Csv $csv -NoTypeInformation
        (Import-Csv $csv | Get-AtlasOrgApiKey).Description | Should -Be 'ci deploy'
    }

    It 'refuses a malformed org id before any request, naming OrgId' {
        $sent = Measure-AtlasStubRequest $stub {
            { Get-AtlasOrgApiKey -OrgId 'not-an-org' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*OrgId*'
        }
        $sent.Count | Should -Be 0
        (Measure-AtlasStubRequest $stub { Get-AtlasOrgApiKey -OrgId $stub.OrgId }).Count | Should -Be 1
    }
}
