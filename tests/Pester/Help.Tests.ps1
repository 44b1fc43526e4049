# Every exported cmdlet's help, as Get-Help shows it from the built module: a synopsis, a
# description, examples with code, and every parameter described. The cmdlets and their parameters
# come from Get-Command, so a new cmdlet or parameter without help fails here.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    $cmdlets = @(Get-Command -Module AtlasApiKeys -CommandType Cmdlet | ForEach-Object {
            @{
                Name       = $_.Name
                Parameters = @($_.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object)
            }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
}

Describe 'The module' -ForEach @(@{ Checked = $cmdlets.Name }) {
    It 'has every exported cmdlet checked below' {
        $exported = @((Get-Module AtlasApiKeys).ExportedCmdlets.Keys)
        $exported.Count | Should -BeGreaterThan 0
        @($Checked | Sort-Object) | Should -Be @($exported | Sort-Object)
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command $Name
        $help = Get-Help $Name -Full
    }

    It 'comes from the MAML file beside the module' {
        $command.HelpFile | Should -BeLike '*AtlasApiKeys.dll-Help.xml'
        Join-Path $command.Module.ModuleBase "en-US/$(Split-Path $command.HelpFile -Leaf)" | Should -Exist
    }

    It 'has a synopsis of its own' {
        # Without help, Get-Help makes the synopsis from the syntax: it starts with the name.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name*"
    }

    It 'has a description' {
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has examples, each with code' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            $example.code.Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) needs code"
            $example.code | Should -Match ([regex]::Escape($Name)) -Because "$($example.title) should show $Name"
        }
    }

    It 'shows examples with -Examples' {
        $text = Get-Help $Name -Examples | Out-String
        $text | Should -Match 'Example 1'
    }

    It 'describes -<_>' -ForEach $Parameters {
        $parameterHelp = Get-Help $Name -Parameter $_ -ErrorAction SilentlyContinue
        $parameterHelp | Should -Not -BeNullOrEmpty -Because "Get-Help $Name -Parameter $_ should find it"
        ($parameterHelp.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$_ needs a description"
    }

    It 'shows the syntax of each of its parameter sets' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters
        # A set with no parameter of its own (Disconnect-Atlas) has no 'parameter' property: strict mode allows no dot there.
        $helpSets = @($help.syntax.syntaxItem | ForEach-Object { (@($_ | Select-Object -ExpandProperty parameter -ErrorAction Ignore | ForEach-Object name) | Sort-Object) -join ' ' })
        # A parameter hidden in a set (DontShow: a piped key binds -InputObject unseen in ById) is not in its syntax.
        $commandSets = @($command.ParameterSets | ForEach-Object {
                $set = $_.Name
                $shown = $_.Parameters | Where-Object { $_.Name -notin $common -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ParameterSetName -eq $set -and $_.DontShow }) }
                (@($shown.Name) | Sort-Object) -join ' '
            })
        @($helpSets | Sort-Object) | Should -Be @($commandSets | Sort-Object)
    }

    It 'describes no parameter the cmdlet does not have' {
        $documented = @($help.parameters | Select-Object -ExpandProperty parameter -ErrorAction Ignore | ForEach-Object name)
        $documented | Where-Object { $_ -notin $command.Parameters.Keys } | Should -BeNullOrEmpty
    }
}

Describe 'about_AtlasApiKeys' {
    BeforeAll {
        $lines = @(Get-Help about_AtlasApiKeys) -join "`n" -split "`n"
    }

    It 'is the plain-text about topic, not Markdown' {
        $lines[0].Trim() | Should -Be 'TOPIC'
        $lines | Should -Contain 'SHORT DESCRIPTION'
        $lines | Should -Contain 'LONG DESCRIPTION'
        $lines | Where-Object { $_ -match '^#{1,6}\s' } | Should -BeNullOrEmpty
        $lines | Where-Object { $_ -match '```|\*\*' } | Should -BeNullOrEmpty
    }

    It 'fits an 80-column terminal' {
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
    }
}
