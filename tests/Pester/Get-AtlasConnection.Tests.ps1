BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub
    $secrets = @($stub.PrivateKeyText, $stub.ServiceAccount.GetNetworkCredential().Password)

    function Get-EveryText {
        <# Everything a person or a log could see of Get-AtlasConnection: every stream, the default
           view, Format-List *, ToString and the JSON of the object. #>
        param([string] $Command)
        $all = & ([scriptblock]::Create("$Command -Verbose -Debug")) *>&1
        $objects = @($all | Where-Object { $_ -is [AtlasApiKeys.Core.Model.AtlasConnection] })
        $objects.Count | Should -Be 1
        @(
            ($all | Out-String -Width 200)
            ($objects | Format-List * | Out-String -Width 200)
            ($objects | Format-Table * | Out-String -Width 400)
            $objects[0].ToString()
            ($objects | ConvertTo-Json -Depth 4)
            ($objects | ConvertTo-Csv | Out-String)
        ) -join "`n"
    }
}

AfterAll {
    Disconnect-Atlas
    Stop-AtlasStub $stub
}

Describe 'Get-AtlasConnection' {
    It 'writes nothing when there is no connection' {
        Disconnect-Atlas
        @(Get-AtlasConnection).Count | Should -Be 0
    }

    It 'shows the Connect-Atlas session: base URI, API key, default project and org, and its source' {
        Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $stub.Production -OrgId $stub.OrgId
        $c = Get-AtlasConnection
        $c.BaseUri | Should -Be $stub.BaseUri
        $c.AuthKind | Should -Be 'ApiKey'
        $c.PublicKey | Should -Be $stub.PublicKey
        $c.ClientId | Should -BeNullOrEmpty
        $c.DefaultProjectId | Should -Be $stub.Production
        $c.DefaultOrgId | Should -Be $stub.OrgId
        $c.Source | Should -Be 'Connect-Atlas'
        $view = $c | Out-String -Width 80
        $view | Should -Match "PublicKey\s+: $($stub.PublicKey)"
        $view | Should -Match 'Source\s+: Connect-Atlas'
        $view | Should -Not -Match 'ClientId'
    }

    It 'shows a service account by client id' {
        Connect-Atlas -BaseUri $stub.BaseUri -ServiceAccount $stub.ServiceAccount
        $c = Get-AtlasConnection
        $c.AuthKind | Should -Be 'ServiceAccount'
        $c.ClientId | Should -Be $stub.ServiceAccount.UserName
        $c.PublicKey | Should -BeNullOrEmpty
    }

    It 'sends no request' {
        Connect-AtlasStub $stub
        (Measure-AtlasStubRequest $stub { Get-AtlasConnection; Get-AtlasConnection }).Count | Should -Be 0
    }

    It 'shows the private key and the client secret nowhere: <_>' -ForEach @('ApiKey', 'ServiceAccount') {
        if ($_ -eq 'ApiKey') { Connect-AtlasStub $stub } else { Connect-Atlas -BaseUri $stub.BaseUri -ServiceAccount $stub.ServiceAccount }
        Get-AtlasProjectApiKey -ProjectId $stub.Production | Out-Null   # a live session: a token fetched, a nonce held
        $text = Get-EveryText 'Get-AtlasConnection'
        $text | Should -Match ([regex]::Escape($stub.BaseUri.Host))   # the scan saw the object
        foreach ($secret in $secrets) { $text | Should -Not -Match ([regex]::Escape($secret)) }
    }
}

Describe 'Get-AtlasConnection in a runbook (a pwsh -NonInteractive child)' {
    It 'shows the session from the MONGODB_ATLAS_* variables as Environment, without the secrets' {
        $environment = Get-AtlasStubEnvironment $stub
        $run = Invoke-AtlasChildPwsh -Environment $environment -Command 'Get-AtlasConnection | Format-List * | Out-String; (Get-AtlasConnection).ToString()'
        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match 'Source\s+: Environment'
        $run.Text | Should -Match "PublicKey\s+: $($stub.PublicKey)"
        $run.Text | Should -Match "DefaultProjectId\s+: $($stub.Production)"
        $run.Text | Should -Not -Match ([regex]::Escape($stub.PrivateKeyText))
    }

    It 'shows a service account from the variables without its secret' {
        $environment = Get-AtlasStubEnvironment $stub -ServiceAccount
        $run = Invoke-AtlasChildPwsh -Environment $environment -Command 'Get-AtlasConnection | Format-List * | Out-String; Get-AtlasProjectApiKey | Out-Null; Get-AtlasConnection -Verbose -Debug | Out-String'
        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match "ClientId\s+: $([regex]::Escape($stub.ServiceAccount.UserName))"
        $run.Text | Should -Not -Match ([regex]::Escape($stub.ServiceAccount.GetNetworkCredential().Password))
    }
}
