@{
    # Windows PowerShell 5.1 loads the netstandard2.0 build; PowerShell 7.4 and later the net8.0 build, whose
    # Core comes as ReadyToRun code for the OS and processor when the module has it (net8.0/linux-x64, win-x64).
    RootModule           = if ($PSEdition -eq 'Desktop') { 'AtlasApiKeys.dll' } else { 'net8.0/AtlasApiKeys.dll' }
    ModuleVersion        = '0.1.0'
    GUID                 = 'c6f1a4e2-5b7d-4c1e-9a3f-2d8e6b0f7a41'
    Author               = 'AtlasApiKeys developers'
    CompanyName          = 'AtlasApiKeys'
    Copyright            = '(c) AtlasApiKeys developers. MIT License.'
    Description          = 'Manage MongoDB Atlas organization API keys on projects: list, create and assign, assign existing, change roles or description, and unassign. Digest and service-account authentication, streamed paging, safe retries. Windows PowerShell 5.1 and PowerShell 7.4 or later.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('AtlasApiKeys.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Atlas'
        'Disconnect-Atlas'
        'Get-AtlasConnection'
        'Get-AtlasProjectApiKey'
        'New-AtlasProjectApiKey'
        'Add-AtlasProjectApiKey'
        'Set-AtlasProjectApiKey'
        'Remove-AtlasProjectApiKey'
        'Get-AtlasOrgApiKey'
        'Remove-AtlasOrgApiKey'
        'Get-AtlasApiKeyAccessListEntry'
        'Add-AtlasApiKeyAccessListEntry'
        'Remove-AtlasApiKeyAccessListEntry'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('MongoDB', 'Atlas', 'ApiKey', 'PSEdition_Desktop', 'PSEdition_Core')
            ProjectUri   = 'https://github.com/atlasapikeys/AtlasApiKeys'
            LicenseUri   = 'https://github.com/atlasapikeys/AtlasApiKeys/blob/main/LICENSE'
            ReleaseNotes = 'First release: Connect-Atlas, Disconnect-Atlas and the Get, New, Add, Set and Remove-AtlasProjectApiKey cmdlets.'
        }
    }
}
