# Reading the module manifest, for build.ps1, the Pester helpers and the package script alike.

function Read-AtlasManifest {
    <#
    .SYNOPSIS
        The manifest's hashtable, evaluated under the rules PowerShell applies to a module manifest (restricted
        language; $PSEdition allowed): Import-PowerShellDataFile refuses the RootModule chosen per edition.
    #>
    param([Parameter(Mandatory)] [string] $Path)
    $block = [scriptblock]::Create([System.IO.File]::ReadAllText($Path))
    $block.CheckRestrictedLanguage([string[]]@(), [string[]]@('PSEdition', 'PSScriptRoot'), $false)
    & $block
}
