# Keys through a CSV file and back: Export-Csv keeps the roles readable, Import-Csv binds back.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub
    Connect-AtlasStub $stub
    $csv = Join-Path ([System.IO.Path]::GetTempPath()) "atlas-keys-$([guid]::NewGuid().ToString('n')).csv"
}

AfterAll {
    Disconnect-Atlas
    Stop-AtlasStub $stub
    Remove-Item $csv -ErrorAction SilentlyContinue
}

Describe 'Get-AtlasProjectApiKey | Export-Csv' {
    It 'writes every role, space-separated, and keeps Roles a list for scripts' {
        $keys = Get-AtlasProjectApiKey
        $keys | Export-Csv -Path $csv
        $text = Get-Content $csv -Raw
        $text | Should -Not -Match 'System\.'
        $text | Should -Match '"ci deploy","[0-9a-f]{24}","GROUP_CLUSTER_MANAGER GROUP_READ_ONLY","ORG_MEMBER"'
        $ci = $keys | Where-Object Description -eq 'ci deploy'
        $ci.Roles.Count | Should -Be 2
        $ci.Roles[1] | Should -Be 'GROUP_READ_ONLY'
        $ci.Roles -contains 'GROUP_CLUSTER_MANAGER' | Should -BeTrue
        @($ci.Roles | ForEach-Object { $_ }).Count | Should -Be 2
    }
}

Describe 'Import-Csv binds back' {
    It 'Add-AtlasProjectApiKey -ProjectId <other> assigns each key with the roles of its row' {
        Get-AtlasProjectApiKey | Export-Csv -Path $csv
        $sent = Measure-AtlasStubRequest $stub {
            Import-Csv $csv | Where-Object Description -eq 'ci deploy' | Add-AtlasProjectApiKey -ProjectId $stub.Analytics -Confirm:$false
        }
        @($sent | Where-Object { $_.Method -eq 'POST' -and $_.Path -like "*/groups/$($stub.Analytics)/apiKeys/*" -and $_.Status -lt 300 }).Count | Should -Be 1
        $copied = Get-AtlasProjectApiKey -ProjectId $stub.Analytics | Where-Object Description -eq 'ci deploy'
        @($copied.Roles) | Should -Be @('GROUP_CLUSTER_MANAGER', 'GROUP_READ_ONLY')
    }

    It 'Set-AtlasProjectApiKey -Role changes the keys of the rows' {
        Get-AtlasProjectApiKey | Export-Csv -Path $csv
        Import-Csv $csv | Where-Object Description -eq 'monitoring' | Set-AtlasProjectApiKey -Role GROUP_READ_ONLY -Confirm:$false
        @((Get-AtlasProjectApiKey | Where-Object Description -eq 'monitoring').Roles) | Should -Be @('GROUP_READ_ONLY')
    }

    It 'splits one text of roles given to -Role at spaces, commas and semicolons' {
        $key = Get-AtlasProjectApiKey | Where-Object Description -eq 'monitoring'
        Set-AtlasProjectApiKey -ApiKeyId $key.Id -Role 'GROUP_READ_ONLY;GROUP_DATA_ACCESS_READ_ONLY' -Confirm:$false
        @((Get-AtlasProjectApiKey -ApiKeyId $key.Id).Roles) | Should -Be @('GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY')
    }
}

Describe 'Get-AtlasOrgApiKey | ConvertTo-Csv and Format-List' {
    It 'writes each assignment as projectId:ROLE+ROLE, separated by "; ", and keeps Assignments a list for scripts' {
        $keys = Get-AtlasOrgApiKey
        $text = $keys | ConvertTo-Csv | Out-String
        $text | Should -Not -Match 'AtlasApiKeys\.Core|System\.'
        $ci = $keys | Where-Object Id -eq $stub.CiDeployKeyId
        $cell = @($ci.Assignments | ForEach-Object { "$($_.ProjectId):$($_.Roles -join '+')" }) -join '; '
        $cell | Should -Match "$($stub.Production):GROUP_CLUSTER_MANAGER\+GROUP_READ_ONLY"
        $text | Should -Match ([regex]::Escape("`"$($ci.Id)`",`"$($ci.PublicKey)`",`"ci deploy`",`"$($stub.OrgId)`",`"ORG_MEMBER`",`"$cell`""))
        $ci.Assignments.Count | Should -Be ($cell -split "; ").Count
        $ci.Assignments[0].ProjectId | Should -Match '^[0-9a-f]{24}$'
        $unassigned = $keys | Where-Object Id -eq $stub.UnassignedKeyId
        -not $unassigned.Assignments | Should -BeTrue
        $unassigned.Assignments.Count | Should -Be 0
        @($keys | Where-Object { -not $_.Assignments }).Id | Should -Contain $stub.UnassignedKeyId
        @($keys | Where-Object { -not $_.Assignments }).Id | Should -Not -Contain $ci.Id
    }

    It 'breaks no assignment inside a project id or role name in Format-List at 80 columns' {
        $ci = Get-AtlasOrgApiKey -ApiKeyId $stub.CiDeployKeyId
        $lines = ($ci | Format-List | Out-String -Width 80) -split '\r?\n'
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        $words = ($lines -join "`n") -split '[\s{},;:+.]+'
        foreach ($assignment in $ci.Assignments) {
            $words | Should -Contain $assignment.ProjectId
            foreach ($role in $assignment.Roles) { $words | Should -Contain $role }
        }
    }
}
