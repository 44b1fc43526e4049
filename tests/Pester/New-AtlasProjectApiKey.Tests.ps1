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

Describe 'New-AtlasProjectApiKey' {
    It 'creates the key and returns its private key once, as a SecureString, with a warning' {
        $key = New-AtlasProjectApiKey -Description 'pester new' -Role GROUP_READ_ONLY -WarningVariable warned -WarningAction SilentlyContinue
        $key.PrivateKey | Should -BeOfType [securestring]
        $key.Roles | Should -Be @('GROUP_READ_ONLY')
        $said = $warned[0].Message
        $said | Should -BeLike "Atlas shows the private key of API key $($key.PublicKey) only now*"
        foreach ($line in '  $key = New-AtlasProjectApiKey ...', '  $cred = [pscredential]::new($key.PublicKey, $key.PrivateKey)', "  Set-Secret -Name atlas-$($key.PublicKey) -Secret `$cred  # SecretManagement") {
            $said -split "`r?`n" | Should -Contain $line
        }
        "WARNING: $said" -split "`r?`n" | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because $_ }
        ($key | Format-Table | Out-String) | Should -Not -Match 'PrivateKey'
        (Get-AtlasProjectApiKey -ApiKeyId $key.Id).PrivateKey | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        $sent = Measure-AtlasStubRequest $stub { New-AtlasProjectApiKey -Description 'pester whatif' -Role GROUP_READ_ONLY -WhatIf }
        $sent.Count | Should -Be 0
        Get-AtlasProjectApiKey | Where-Object Description -eq 'pester whatif' | Should -BeNullOrEmpty
    }

    It 'takes a role name in any case and sends it in capitals, as Atlas spells it' {
        $key = New-AtlasProjectApiKey -Description 'pester lower case' -Role group_read_only, Group_Data_Access_Read_Only -WarningAction SilentlyContinue
        @($key.Roles | Sort-Object) | Should -Be @('GROUP_DATA_ACCESS_READ_ONLY', 'GROUP_READ_ONLY')
        @((Get-AtlasProjectApiKey -ApiKeyId $key.Id).Roles | Sort-Object) | Should -Be @('GROUP_DATA_ACCESS_READ_ONLY', 'GROUP_READ_ONLY')
    }

    It 'refuses a role that is no role name in any case, naming the parameter' {
        { New-AtlasProjectApiKey -Description 'x' -Role 'group-read-only' } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage "*Role 'group-read-only' is not a project role name*"
    }

    It 'refuses a 251-character description and an empty one' {
        { New-AtlasProjectApiKey -Description ('d' * 251) -Role GROUP_READ_ONLY } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*Description*250*'
        { New-AtlasProjectApiKey -Description '' -Role GROUP_READ_ONLY } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'sends a well-formed role it does not know to Atlas, which decides' {
        New-AtlasProjectApiKey -Description 'x' -Role GROUP_NOT_A_ROLE -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'INVALID_ENUM_VALUE,AtlasApiKeys.Commands.NewAtlasProjectApiKeyCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'completes project roles' {
        $completion = TabExpansion2 -inputScript 'New-AtlasProjectApiKey -Role GROUP_CLU' -cursorColumn 38
        $completion.CompletionMatches.CompletionText | Should -Contain 'GROUP_CLUSTER_MANAGER'
    }
}

Describe 'New-AtlasProjectApiKey -AccessList' {
    It 'makes a key that works at once in an organization that requires an access list' {
        Set-AtlasStubAccessListRequired $stub $true
        try {
            $sent = Measure-AtlasStubRequest $stub {
                $script:listed = New-AtlasProjectApiKey -Description 'pester listed' -Role GROUP_READ_ONLY -AccessList 127.0.0.1, '::1', 10.0.0.0/8 -WarningAction SilentlyContinue
            }
            ($sent | Where-Object Method -eq 'POST').Path | Should -Be @(
                "/api/atlas/v2/groups/$($stub.Production)/apiKeys"
                "/api/atlas/v2/orgs/$($stub.OrgId)/apiKeys/$($script:listed.Id)/accessList")
            $script:listed.PrivateKey | Should -BeOfType [securestring]
            $unlisted = New-AtlasProjectApiKey -Description 'pester unlisted' -Role GROUP_READ_ONLY -WarningAction SilentlyContinue

            $asListed = Connect-Atlas -BaseUri $stub.BaseUri -Credential ([pscredential]::new($script:listed.PublicKey, $script:listed.PrivateKey)) -ProjectId $stub.Production -PassThru
            $asUnlisted = Connect-Atlas -BaseUri $stub.BaseUri -Credential ([pscredential]::new($unlisted.PublicKey, $unlisted.PrivateKey)) -ProjectId $stub.Production -PassThru
            (Get-AtlasProjectApiKey -Session $asListed).Id | Should -Contain $script:listed.Id
            Get-AtlasProjectApiKey -Session $asUnlisted -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -Be 'ORG_REQUIRES_ACCESS_LIST,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand'
            $failed[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $failed[0].ErrorDetails.RecommendedAction | Should -Match 'Add-AtlasApiKeyAccessListEntry -ApiKeyId'
        }
        finally {
            Set-AtlasStubAccessListRequired $stub $false
            Connect-AtlasStub $stub
        }
    }

    It 'takes an empty access list (another key''s, read with no entries) as none: one request, the create' {
        $empty = (Get-AtlasApiKeyAccessListEntry -ApiKeyId $stub.UnassignedKeyId).Entry   # $null: no entries
        $sent = Measure-AtlasStubRequest $stub {
            $script:none = New-AtlasProjectApiKey -Description 'pester no list' -Role GROUP_READ_ONLY -AccessList $empty -WarningAction SilentlyContinue
            $script:emptyArray = New-AtlasProjectApiKey -Description 'pester empty list' -Role GROUP_READ_ONLY -AccessList @() -WarningAction SilentlyContinue
        }
        $sent.Path | Should -Be @("/api/atlas/v2/groups/$($stub.Production)/apiKeys", "/api/atlas/v2/groups/$($stub.Production)/apiKeys")
        $script:none.Id, $script:emptyArray.Id | Should -Match '^[0-9a-f]{24}$'
        { New-AtlasProjectApiKey -Description 'x' -Role GROUP_READ_ONLY -AccessList '' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*AccessList must not be empty*'
    }

    It 'refuses a malformed entry naming -AccessList, before any request' {
        $sent = Measure-AtlasStubRequest $stub {
            { New-AtlasProjectApiKey -Description 'x' -Role GROUP_READ_ONLY -AccessList 192.0.2.1, 192.0.2.0/40 } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*AccessList*192.0.2.0/40*not a CIDR block*'
            { New-AtlasProjectApiKey -Description 'x' -Role GROUP_READ_ONLY -AccessList 'office' } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*AccessList*neither an IP address nor a CIDR block*'
        }
        $sent.Count | Should -Be 0
    }

    It 'refuses <_> naming -AccessList before any request: no key is created' -ForEach '010.0.0.1', '1.2.3.04', '10.0.0.0/08', '10.1.2.3/8' {
        $value = $_
        $sent = Measure-AtlasStubRequest $stub {
            { New-AtlasProjectApiKey -Description 'pester list malformed' -Role GROUP_READ_ONLY -AccessList 192.0.2.1, $value } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage "*AccessList*$value*"
        }
        $sent.Count | Should -Be 0
        Get-AtlasProjectApiKey | Where-Object Description -eq 'pester list malformed' | Should -BeNullOrEmpty
    }

    It 'says which network a block with bits past its prefix means' {
        { New-AtlasProjectApiKey -Description 'x' -Role GROUP_READ_ONLY -AccessList 10.1.2.3/8 } |
            Should -Throw -ExpectedMessage '*AccessList: 10.1.2.3/8 is not a network address; did you mean 10.0.0.0/8?*'
    }

    It 'sends an entry given twice once, and the key gets its list' {
        $sent = Measure-AtlasStubRequest $stub {
            $script:twice = New-AtlasProjectApiKey -Description 'pester list twice' -Role GROUP_READ_ONLY -AccessList 192.0.2.1, 192.0.2.1, 192.0.2.1/32 `
                -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue
        }
        $failed | Should -BeNullOrEmpty
        @($sent | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*/accessList' }).Count | Should -Be 1
        (Get-AtlasApiKeyAccessListEntry $script:twice.Id).Entry | Should -Be @('192.0.2.1')
    }

    It 'when the access list fails, still writes the key and says how to finish' {
        # Atlas refuses the list (403) after the key was created.
        $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($stub.BaseUri, '_stub/faults')) -ContentType 'application/json' `
            -Body '{"kind":"Forbidden","method":"POST","pathContains":"/accessList"}'
        $key = New-AtlasProjectApiKey -Description 'pester list fails' -Role GROUP_READ_ONLY -AccessList 192.0.2.1, 10.0.0.0/8 `
            -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue
        $key.PrivateKey | Should -BeOfType [securestring]
        Get-AtlasProjectApiKey -ApiKeyId $key.Id | Should -Not -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'AtlasAccessListNotSet,AtlasApiKeys.Commands.NewAtlasProjectApiKeyCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failed[0].TargetObject.Id | Should -Be $key.Id
        "$($failed[0])" | Should -Match 'was created.*private key is in the PrivateKey property'
        $failed[0].ErrorDetails.RecommendedAction | Should -Be "Add-AtlasApiKeyAccessListEntry -ApiKeyId $($key.Id) -OrgId $($stub.OrgId) -IpAddress 192.0.2.1 -CidrBlock 10.0.0.0/8"
    }

    It 'under $ErrorActionPreference Stop, the key is in the error''s TargetObject' {
        $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($stub.BaseUri, '_stub/faults')) -ContentType 'application/json' `
            -Body '{"kind":"Forbidden","method":"POST","pathContains":"/accessList"}'
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command @'
$ErrorActionPreference = 'Stop'
try { $k = New-AtlasProjectApiKey -Description 'pester list stop' -Role GROUP_READ_ONLY -AccessList 192.0.2.5 -WarningAction SilentlyContinue }
catch { 'caught ' + $_.FullyQualifiedErrorId; 'secure ' + ($_.TargetObject.PrivateKey -is [securestring]) }
'@
        $run.Output | Should -Contain 'caught AtlasAccessListNotSet,AtlasApiKeys.Commands.NewAtlasProjectApiKeyCommand'
        $run.Output | Should -Contain 'secure True'
    }

    It 'sends nothing with -WhatIf' {
        $sent = Measure-AtlasStubRequest $stub { New-AtlasProjectApiKey -Description 'pester list whatif' -Role GROUP_READ_ONLY -AccessList 192.0.2.1 -WhatIf }
        $sent.Count | Should -Be 0
    }
}

Describe 'The life of a key, as about_AtlasApiKeys tells it' {
    It 'create with an access list, assign, audit, rotate: the new key has the old one''s projects, roles and list' {
        $p, $p2 = $stub.Production, $stub.Staging
        $key = New-AtlasProjectApiKey -ProjectId $p -Description 'pester life' `
            -Role GROUP_CLUSTER_MANAGER -AccessList 203.0.113.0/24 -WarningAction SilentlyContinue
        Add-AtlasProjectApiKey -ProjectId $p2 -ApiKeyId $key.Id -Role GROUP_READ_ONLY
        Set-AtlasProjectApiKey -ProjectId $p2 -ApiKeyId $key.Id -AddRole GROUP_SEARCH_INDEX_EDITOR
        Add-AtlasApiKeyAccessListEntry -ApiKeyId $key.Id -IpAddress 198.51.100.7

        # Rotate, line for line as the about topic has it.
        $oldId = $key.Id
        $old = Get-AtlasOrgApiKey -ApiKeyId $oldId
        $first = $old.Assignments[0]
        $list = (Get-AtlasApiKeyAccessListEntry $old.Id).Entry
        $new = New-AtlasProjectApiKey -ProjectId $first.ProjectId `
            -Description "$($old.Description) 2" -Role $first.Roles `
            -AccessList $list -WarningAction SilentlyContinue
        $old.Assignments | Select-Object -Skip 1 |
            Add-AtlasProjectApiKey -ApiKeyId $new.Id
        Get-AtlasOrgApiKey -ApiKeyId $old.Id | Remove-AtlasOrgApiKey -Confirm:$false

        $rotated = Get-AtlasOrgApiKey -ApiKeyId $new.Id
        $rotated.Assignments | ForEach-Object { "$($_.ProjectId):$(@($_.Roles | Sort-Object) -join '+')" } | Sort-Object |
            Should -Be (@("${p}:GROUP_CLUSTER_MANAGER", "${p2}:GROUP_READ_ONLY+GROUP_SEARCH_INDEX_EDITOR") | Sort-Object)
        (Get-AtlasApiKeyAccessListEntry $new.Id).Entry | Sort-Object | Should -Be @('198.51.100.7', '203.0.113.0/24')
        Get-AtlasOrgApiKey | Where-Object Id -eq $oldId | Should -BeNullOrEmpty
    }
}

Describe 'New-AtlasProjectApiKey contract' {
    It 'has one parameter set with -Description and -Role mandatory, positional' {
        $command = Get-Command New-AtlasProjectApiKey
        $command.ParameterSets.Name | Should -Be @('Default')
        $command.ParameterSets[0].Parameters | Where-Object IsMandatory | ForEach-Object Name | Sort-Object | Should -Be @('Description', 'Role')
        $key = New-AtlasProjectApiKey 'pester positional' GROUP_READ_ONLY -WarningAction SilentlyContinue
        $key.Description | Should -Be 'pester positional'
    }

    It 'creates one key per Import-Csv row (ProjectId and Description columns), one POST each' {
        $csv = Join-Path $TestDrive 'new.csv'
        [pscustomobject]@{ ProjectId = $stub.Staging; Description = 'pester csv a' }, [pscustomobject]@{ ProjectId = $stub.Production; Description = 'pester csv b' } |
            Export-Csv $csv -NoTypeInformation
        $sent = Measure-AtlasStubRequest $stub { $script:made = Import-Csv $csv | New-AtlasProjectApiKey -Role GROUP_READ_ONLY -WarningAction SilentlyContinue }
        ($sent | Where-Object Method -eq 'POST').Path | Should -Be @("/api/atlas/v2/groups/$($stub.Staging)/apiKeys", "/api/atlas/v2/groups/$($stub.Production)/apiKeys")
        $script:made.Description | Should -Be @('pester csv a', 'pester csv b')
    }

    It 'in a runbook: -Confirm:$false is not needed (ConfirmImpact Medium), the warning and no secret in any stream' {
        $run = Invoke-AtlasChildPwsh -Environment (Get-AtlasStubEnvironment $stub) -Command "`$k = New-AtlasProjectApiKey -Description 'pester runbook new' -Role GROUP_READ_ONLY -Debug -Verbose; 'made ' + `$k.Id; `$k | Format-List * | Out-String"
        $run.ExitCode | Should -Be 0
        $run.Output | Where-Object { $_ -match '^made [0-9a-f]{24}$' } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match '^WARNING: Atlas shows the private key of API key [a-z]{8} only now' } | Should -Not -BeNullOrEmpty
        $run.Output | Where-Object { $_ -match "^DEBUG: HTTP POST /api/atlas/v2/groups/$($stub.Production)/apiKeys -> 200 " } | Should -Not -BeNullOrEmpty
        $run.Text | Should -Match 'PrivateKey\s+: System.Security.SecureString'
    }
}
