# The PowerShell Gallery package. Dot-sourced by build.ps1 (-Task Package) and by
# tests/Pester/Package.Tests.ps1, so the suite checks the very package the build makes.

. (Join-Path $PSScriptRoot 'AtlasManifest.ps1')

function Get-AtlasGalleryTag {
    <#
    .SYNOPSIS
        The manifest's own tags plus the gallery's command tags (PSIncludes_Cmdlet, PSCmdlet_<name>,
        PSCommand_<name>), derived from CmdletsToExport: Find-PSResource -CommandName searches them.
    #>
    param([Parameter(Mandatory)] [string] $ManifestPath)
    $manifest = Read-AtlasManifest $ManifestPath
    $cmdlets = @($manifest['CmdletsToExport'] | Where-Object { $_ })
    $tags = [System.Collections.Generic.List[string]]::new()
    foreach ($tag in $manifest.PrivateData.PSData.Tags) { $tags.Add($tag) }
    if ($cmdlets.Count -gt 0) { $tags.Add('PSIncludes_Cmdlet') }
    foreach ($cmdlet in $cmdlets) {
        $tags.Add("PSCmdlet_$cmdlet")
        $tags.Add("PSCommand_$cmdlet")
    }
    @($tags | Select-Object -Unique)
}

function New-AtlasPackage {
    <#
    .SYNOPSIS
        Makes <OutputPath>/AtlasApiKeys.<version>.nupkg from the built module folder, its manifest
        carrying the gallery tags; returns the nupkg's path. The built module itself is not changed.
    #>
    param(
        [Parameter(Mandatory)] [string] $ModulePath,
        [Parameter(Mandatory)] [string] $OutputPath
    )
    $manifestPath = Join-Path $ModulePath 'AtlasApiKeys.psd1'
    $version = (Read-AtlasManifest $manifestPath).ModuleVersion
    $stageRoot = Join-Path ([System.IO.Path]::GetTempPath()) "atlasapikeys-package-$([guid]::NewGuid().ToString('N'))"
    $stage = Join-Path $stageRoot "AtlasApiKeys/$version"
    try {
        $null = New-Item -ItemType Directory -Force -Path $stage, $OutputPath
        Copy-Item -Path (Join-Path $ModulePath '*') -Destination $stage -Recurse

        # Only the Tags line of the staged copy changes; read back to be sure it did.
        $stagedManifest = Join-Path $stage 'AtlasApiKeys.psd1'
        $tags = Get-AtlasGalleryTag -ManifestPath $manifestPath
        $text = [System.IO.File]::ReadAllText($stagedManifest)
        $pattern = '(?m)^(\s*)Tags(\s*)=\s*@\([^)]*\)'
        if ($text -notmatch $pattern) { throw "No 'Tags = @(...)' line in $manifestPath to add the gallery tags to." }
        $list = ($tags | ForEach-Object { "'$_'" }) -join ', '
        $text = [regex]::Replace($text, $pattern, { param($m) "$($m.Groups[1].Value)Tags$($m.Groups[2].Value)= @($list)" })
        [System.IO.File]::WriteAllText($stagedManifest, $text, [System.Text.UTF8Encoding]::new($false))
        $written = @((Read-AtlasManifest $stagedManifest).PrivateData.PSData.Tags)
        if (Compare-Object $written $tags) { throw "The staged manifest's tags are not the derived ones: $($written -join ', ')" }

        $nupkg = Join-Path $OutputPath "AtlasApiKeys.$version.nupkg"
        Remove-Item $nupkg -ErrorAction SilentlyContinue
        if (Get-Command Compress-PSResource -ErrorAction SilentlyContinue) {
            # PSResourceGet 1.1+: makes the nupkg without registering a repository.
            Compress-PSResource -Path $stage -DestinationPath $OutputPath
        }
        elseif (Get-Command Publish-Module -ErrorAction SilentlyContinue) {
            # Windows PowerShell 5.1 with PowerShellGet 2: publish to a repository of our own, removed after.
            $repository = "AtlasApiKeysLocal-$([guid]::NewGuid().ToString('N'))"
            Register-PSRepository -Name $repository -SourceLocation $OutputPath -PublishLocation $OutputPath -InstallationPolicy Trusted
            try { Publish-Module -Path $stage -Repository $repository -NuGetApiKey 'local' }
            finally { Unregister-PSRepository -Name $repository }
        }
        else {
            throw 'Neither PSResourceGet 1.1+ (Compress-PSResource) nor PowerShellGet (Publish-Module) is available to make the nupkg.'
        }

        if (-not (Test-Path $nupkg)) { throw "No package was made at $nupkg." }
        $nupkg
    }
    finally {
        Remove-Item -Recurse -Force $stageRoot -ErrorAction SilentlyContinue
    }
}
