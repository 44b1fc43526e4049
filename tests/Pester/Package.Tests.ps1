# The gallery package that ./build.ps1 -Task Package makes (tests/tools/AtlasPackage.ps1), made here from
# the built module into TestDrive: the help ships in it, and a file repository finds it by command.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-AtlasModule
    $commands = @(Get-Command -Module AtlasApiKeys -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $script:RepoRoot 'tests/tools/AtlasPackage.ps1')
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $manifestPath = Get-AtlasModuleManifest
    $manifestBefore = Get-Content $manifestPath -Raw
    $packageDir = Join-Path $TestDrive 'package'
    $nupkg = New-AtlasPackage -ModulePath (Split-Path $manifestPath) -OutputPath $packageDir

    $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg)
    try {
        $entries = @($zip.Entries.FullName)
        $reader = [System.IO.StreamReader]::new(($zip.Entries | Where-Object FullName -eq 'AtlasApiKeys.nuspec').Open())
        try { $nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
    }
    finally { $zip.Dispose() }
    $nuspecTags = -split $nuspec.package.metadata.tags

    $repository = "AtlasApiKeysTest-$([guid]::NewGuid().ToString('N'))"
    Register-PSResourceRepository -Name $repository -Uri $packageDir -Trusted
}

AfterAll {
    if ($repository) { Unregister-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue }
}

Describe 'The gallery package' {
    It 'ships both builds: netstandard2.0 at the top, net8.0 with Core''s ReadyToRun images' {
        foreach ($entry in 'AtlasApiKeys.dll', 'AtlasApiKeys.Core.dll', 'dependencies/System.Text.Json.dll', 'net8.0/AtlasApiKeys.dll',
            'net8.0/AtlasApiKeys.Core.dll', 'net8.0/linux-x64/AtlasApiKeys.Core.dll', 'net8.0/win-x64/AtlasApiKeys.Core.dll') {
            $entries | Should -Contain $entry
        }
    }

    It 'ships the cmdlet help and the about topic' {
        $entries | Should -Contain 'en-US/AtlasApiKeys.dll-Help.xml'
        $entries | Should -Contain 'en-US/about_AtlasApiKeys.help.txt'
    }

    It 'tags the package PSModule and PSIncludes_Cmdlet' {
        $nuspecTags | Should -Contain 'PSModule'
        $nuspecTags | Should -Contain 'PSIncludes_Cmdlet'
    }

    It 'leaves the built module as it was' {
        Get-Content $manifestPath -Raw | Should -BeExactly $manifestBefore
    }
}

Describe 'Finding <Name> by command name' -ForEach $commands {
    It 'has a PSCommand_ tag in the nuspec' {
        $nuspecTags | Should -Contain "PSCommand_$Name"
    }

    It 'is found by Find-PSResource -CommandName in a file repository' {
        $found = @(Find-PSResource -CommandName $Name -Repository $repository)
        $found.Count | Should -Be 1
        $found[0].ParentResource.Name | Should -Be 'AtlasApiKeys'
        $found[0].Names | Should -Contain $Name
    }
}

Describe 'Get-AtlasGalleryTag' {
    It 'derives the command tags from CmdletsToExport, after the manifest''s own tags' {
        $path = Join-Path $TestDrive 'Probe.psd1'
        Set-Content -Path $path -Value "@{ ModuleVersion = '1.0.0'; CmdletsToExport = @('Get-Probe', 'Set-Probe'); PrivateData = @{ PSData = @{ Tags = @('One') } } }"

        Get-AtlasGalleryTag -ManifestPath $path |
            Should -Be @('One', 'PSIncludes_Cmdlet', 'PSCmdlet_Get-Probe', 'PSCommand_Get-Probe', 'PSCmdlet_Set-Probe', 'PSCommand_Set-Probe')
    }
}
