BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub
    $saved = @{}
    foreach ($name in 'MONGODB_ATLAS_PUBLIC_API_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY', 'MONGODB_ATLAS_CLIENT_ID', 'MONGODB_ATLAS_CLIENT_SECRET', 'MONGODB_ATLAS_PROJECT_ID', 'MONGODB_ATLAS_OPS_MANAGER_URL') {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
}

AfterAll {
    foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    Stop-AtlasStub $stub
}

Describe 'Disconnect-Atlas' {
    It 'forgets the session: the next call is AtlasNotConnected' {
        Connect-AtlasStub $stub
        (Get-AtlasProjectApiKey).Count | Should -Be 3
        Disconnect-Atlas
        { Get-AtlasProjectApiKey -ProjectId $stub.Production } | Should -Throw -ErrorId 'AtlasNotConnected,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand'
    }

    It 'leaves the environment-variable fallback working, as a runbook uses it' {
        Disconnect-Atlas
        $env:MONGODB_ATLAS_PUBLIC_API_KEY = $stub.PublicKey
        $env:MONGODB_ATLAS_PRIVATE_API_KEY = $stub.PrivateKeyText
        $env:MONGODB_ATLAS_OPS_MANAGER_URL = $stub.BaseUri.ToString()
        $env:MONGODB_ATLAS_PROJECT_ID = $stub.Staging
        try {
            $keys = Get-AtlasProjectApiKey
            $keys.ProjectId | Select-Object -Unique | Should -Be $stub.Staging
        }
        finally {
            'MONGODB_ATLAS_PUBLIC_API_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY', 'MONGODB_ATLAS_OPS_MANAGER_URL', 'MONGODB_ATLAS_PROJECT_ID' |
                ForEach-Object { [Environment]::SetEnvironmentVariable($_, $null) }
        }
    }

    It 'revokes a service account''s access token: the stub refuses it afterwards' {
        $held = Connect-Atlas -BaseUri $stub.BaseUri -ServiceAccount $stub.ServiceAccount -ProjectId $stub.Production -PassThru
        (Get-AtlasProjectApiKey -Session $held).Count | Should -Be 3
        $sent = Measure-AtlasStubRequest $stub { $script:said = Disconnect-Atlas -Verbose 4>&1 | Out-String }
        @($sent | Where-Object { $_.Path -eq '/api/oauth/revoke' -and $_.Status -eq 200 }).Count | Should -Be 1
        ($sent | Where-Object Path -eq '/api/oauth/revoke').Form | Should -Be 'token=***&token_type_hint=access_token'
        $script:said | Should -Match 'Revoked the service account''s access token'
        $script:said | Should -Not -Match ([regex]::Escape($stub.ServiceAccount.GetNetworkCredential().Password))

        # The session handed out with -PassThru still works: it forgot the revoked token and fetches a new one
        # (xunit's TokenRevokeTests replays the revoked token itself and gets 401).
        $sent = Measure-AtlasStubRequest $stub { (Get-AtlasProjectApiKey -Session $held).Count | Should -Be 3 }
        @($sent | Where-Object Path -eq '/api/oauth/token').Count | Should -Be 1
        $sent | Where-Object { $_.Auth -eq 'bearer' -and $_.Status -eq 401 } | Should -BeNullOrEmpty
    }

    It 'revokes nothing for an API key session' {
        Connect-AtlasStub $stub
        $sent = Measure-AtlasStubRequest $stub { Disconnect-Atlas }
        $sent.Count | Should -Be 0
    }

    It 'says so when there was nothing to forget' {
        Disconnect-Atlas
        (Disconnect-Atlas -Verbose 4>&1 | Out-String) | Should -Match 'no Connect-Atlas session'
    }
}
