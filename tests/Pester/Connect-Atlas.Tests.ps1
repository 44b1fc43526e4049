BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $stub = Start-AtlasStub
}

AfterAll {
    Disconnect-Atlas
    Stop-AtlasStub $stub
}

Describe 'Connect-Atlas' {
    It 'connects with an API key pair and -PassThru returns the session without its secret' {
        $session = Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $stub.Production -PassThru
        $session.GetType().FullName | Should -Be 'AtlasApiKeys.Core.AtlasSession'
        $session.DefaultProjectId | Should -Be $stub.Production
        ($session | Out-String) | Should -Not -Match ([regex]::Escape($stub.PrivateKeyText))
        (Get-AtlasProjectApiKey).Count | Should -Be 3
    }

    It 'connects with a service account' {
        Connect-Atlas -BaseUri $stub.BaseUri -ServiceAccount $stub.ServiceAccount -ProjectId $stub.Production
        (Get-AtlasProjectApiKey).Count | Should -Be 3
        @(Get-AtlasStubRequest $stub | Where-Object Auth -eq 'bearer').Count | Should -BeGreaterThan 0
    }

    It 'refuses plain http to a host that is not loopback, naming -AllowInsecureHttp' {
        $failure = { Connect-Atlas -BaseUri 'http://cloud.example.com' -Credential $stub.Credential } |
            Should -Throw -ErrorId 'AtlasInvalidArgument,AtlasApiKeys.Commands.ConnectAtlasCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$failure" | Should -Be "BaseUri 'http://cloud.example.com' uses plain http to a host that is not loopback: credentials would cross the network unencrypted. Use https, or pass -AllowInsecureHttp to Connect-Atlas if plain http is meant."
    }

    It 'refuses an empty credential, naming -Credential and what is wrong' {
        $failure = { Connect-Atlas -BaseUri $stub.BaseUri -Credential ([pscredential]::Empty) } |
            Should -Throw -ErrorId 'AtlasInvalidCredential,AtlasApiKeys.Commands.ConnectAtlasCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.TargetObject | Should -Be 'Credential'
        "$failure" | Should -Be "-Credential is empty: give the API key's public key as the user name and its private key as the password, e.g. -Credential (Get-Credential)."
        $blank = [pscredential]::new($stub.ServiceAccount.UserName, [securestring]::new())
        { Connect-Atlas -BaseUri $stub.BaseUri -ServiceAccount $blank } | Should -Throw -ErrorId 'AtlasInvalidCredential,*' -ExpectedMessage '-ServiceAccount has an empty password: give the service account''s client id*'
    }

    It 'refuses -BaseUri with -Government' {
        { Connect-Atlas -BaseUri $stub.BaseUri -Government -Credential $stub.Credential } |
            Should -Throw -ErrorId 'AtlasInvalidArgument,*'
    }

    It 'refuses a project name where the project id goes, naming the parameter' {
        { Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId 'zmmrboas' } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage "*ProjectId 'zmmrboas' looks like a project name, not an id*"
    }

    It 'puts the private key in no stream with -Verbose and -Debug' {
        $all = Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $stub.Production -PassThru -Verbose -Debug 4>&1 5>&1 | Out-String
        $all | Should -Not -Match ([regex]::Escape($stub.PrivateKeyText))
    }
}

Describe 'Connect-Atlas and Disconnect-Atlas in a runbook (a pwsh -NonInteractive child)' {
    It 'connect, list and disconnect with -Debug: no prompt, the lines shown, exit code 0' {
        $command = @"
`$cred = [pscredential]::new('$($stub.PublicKey)', (ConvertTo-SecureString '$($stub.PrivateKeyText)' -AsPlainText -Force))
Connect-Atlas -BaseUri '$($stub.BaseUri)' -Credential `$cred -ProjectId '$($stub.Production)' -Debug
'keys: ' + (Get-AtlasProjectApiKey -Debug).Count
Disconnect-Atlas -Debug
"@
        $run = Invoke-AtlasChildPwsh -Command $command
        $run.ExitCode | Should -Be 0
        $run.Text | Should -Not -Match 'NonInteractive mode|Continue with this operation'
        $run.Output | Should -Contain 'keys: 3'
        $run.Output | Where-Object { $_ -match '^DEBUG: Connected to http://127\.0\.0\.1:\d+/ as API key ' } | Should -Not -BeNullOrEmpty
        $run.Output | Should -Contain 'DEBUG: Disconnected from Atlas.'
    }
}

Describe 'Connect-Atlas contract' {
    It 'has the ApiKey (default) and ServiceAccount parameter sets, each with its credential mandatory' {
        $command = Get-Command Connect-Atlas
        $command.DefaultParameterSet | Should -Be 'ApiKey'
        $command.ParameterSets.Name | Sort-Object | Should -Be @('ApiKey', 'ServiceAccount')
        ($command.ParameterSets | Where-Object Name -eq 'ApiKey').Parameters | Where-Object IsMandatory | ForEach-Object Name | Should -Be @('Credential')
        ($command.ParameterSets | Where-Object Name -eq 'ServiceAccount').Parameters | Where-Object IsMandatory | ForEach-Object Name | Should -Be @('ServiceAccount')
    }

    It 'sends nothing until a cmdlet needs Atlas' {
        $sent = Measure-AtlasStubRequest $stub { Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $stub.Production }
        $sent.Count | Should -Be 0
        $sent = Measure-AtlasStubRequest $stub { Get-AtlasProjectApiKey | Out-Null }
        $sent.Count | Should -BeGreaterThan 0
    }
}

Describe 'Connect-Atlas -NoDefault and -PassThru: which session plain commands use' {
    BeforeAll {
        function Get-Principal($Requests) { @($Requests | Where-Object Status -eq 200 | ForEach-Object Principal | Select-Object -Unique) }
    }

    It '-NoDefault returns a session and leaves the default where it was' {
        Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $stub.Production
        $other = Connect-Atlas -BaseUri $stub.BaseUri -ServiceAccount $stub.ServiceAccount -ProjectId $stub.Staging -NoDefault
        $other.GetType().FullName | Should -Be 'AtlasApiKeys.Core.AtlasSession'

        (Get-AtlasConnection).PublicKey | Should -Be $stub.PublicKey
        $plain = Measure-AtlasStubRequest $stub { Get-AtlasProjectApiKey }
        Get-Principal $plain | Should -Be @($stub.PublicKey)
        @($plain | Where-Object Path -like "*/groups/$($stub.Production)/*").Count | Should -BeGreaterThan 0
        $given = Measure-AtlasStubRequest $stub { Get-AtlasProjectApiKey -Session $other }
        Get-Principal $given | Should -Be @($stub.ServiceAccount.UserName)
        @($given | Where-Object Path -like "*/groups/$($stub.Staging)/*").Count | Should -BeGreaterThan 0
    }

    It '-PassThru still makes its session the default (and returns it)' {
        Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $stub.Production
        $passed = Connect-Atlas -BaseUri $stub.BaseUri -ServiceAccount $stub.ServiceAccount -ProjectId $stub.Staging -PassThru
        $passed | Should -Not -BeNullOrEmpty
        (Get-AtlasConnection).ClientId | Should -Be $stub.ServiceAccount.UserName
        Get-Principal (Measure-AtlasStubRequest $stub { Get-AtlasProjectApiKey }) | Should -Be @($stub.ServiceAccount.UserName)
    }

    It '-NoDefault with no connection before leaves none' {
        Disconnect-Atlas
        $s = Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -NoDefault
        @(Get-AtlasConnection).Count | Should -Be 0
        (Get-AtlasProjectApiKey -Session $s -ProjectId $stub.Production).Count | Should -Be 3
    }
}

Describe 'Connect-Atlas -ProjectName' {
    It 'makes the named project the default, asking Atlas once' {
        $sent = Measure-AtlasStubRequest $stub {
            Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectName demo-staging
            $script:keys = Get-AtlasProjectApiKey
            Get-AtlasProjectApiKey -ProjectName demo-staging | Out-Null
        }
        (Get-AtlasConnection).DefaultProjectId | Should -Be $stub.Staging
        @($script:keys | ForEach-Object ProjectId | Select-Object -Unique) | Should -Be @($stub.Staging)
        @($sent | Where-Object { $_.Path -like '*/groups/byName/demo-staging' -and $_.Status -ne 401 }).Count | Should -Be 1
    }

    It 'refuses a name Atlas does not know, ObjectNotFound naming it, and keeps the earlier connection' {
        Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $stub.Production
        { Connect-Atlas -BaseUri $stub.BaseUri -ServiceAccount $stub.ServiceAccount -ProjectName no-such-project } |
            Should -Throw -ErrorId 'GROUP_NAME_NOT_FOUND,*' -ExpectedMessage '*no-such-project*'
        $Error[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Get-AtlasConnection).PublicKey | Should -Be $stub.PublicKey
    }

    It 'refuses -ProjectId with -ProjectName before any request' {
        $sent = Measure-AtlasStubRequest $stub {
            { Connect-Atlas -BaseUri $stub.BaseUri -Credential $stub.Credential -ProjectId $stub.Production -ProjectName demo-staging } |
                Should -Throw -ErrorId 'AtlasInvalidArgument,*' -ExpectedMessage '*-ProjectId*-ProjectName*'
        }
        $sent.Count | Should -Be 0
    }
}
