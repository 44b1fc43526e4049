using System.IO;
using System.Linq;
using AtlasApiKeys.Tests.Support;

namespace AtlasApiKeys.Tests.HelpBuilder;

/// <summary>The repository's help pages, and a small well-formed page to break in tests.</summary>
internal static class HelpPages
{
    public static string Docs => RepositoryFolder.File("docs");

    public static string[] CmdletPageFiles => Directory.GetFiles(Path.Combine(Docs, "cmdlets"), "*.md").OrderBy(f => f, System.StringComparer.Ordinal).ToArray();

    public const string Probe = """
        ---
        external help file: Probe.dll-Help.xml
        schema: 2.0.0
        ---

        # Get-Probe

        ## SYNOPSIS
        Gets a **probe**.

        ## SYNTAX
        ### ById (Default)
        ```
        Get-Probe [-Id] <String> [-Force] [<CommonParameters>]
        ```
        ### All
        ```
        Get-Probe -All [<CommonParameters>]
        ```

        ## DESCRIPTION
        First paragraph,
        on two lines.

        Second paragraph with `code` and a [link](https://example.com).

        ## EXAMPLES
        ### Example 1: One probe
        ```powershell
        Get-Probe -Id 1
        ```

        Gets probe 1.

        ## PARAMETERS
        ### -All
        Every probe.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: All
        Aliases:

        Required: True
        Position: Named
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### -Force
        Without asking.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: ById
        Aliases: f

        Required: False
        Position: Named
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### -Id
        The probe's id.

        ```yaml
        Type: String
        Parameter Sets: ById
        Aliases: ProbeId, Name

        Required: True
        Position: 0
        Default value: None
        Accept pipeline input: True (ByPropertyName)
        Accept wildcard characters: False
        ```

        ### CommonParameters
        This cmdlet supports the common parameters.

        ## INPUTS

        ### System.String

        ## OUTPUTS

        ### Probe
        A probe.

        ## NOTES
        A note.

        ## RELATED LINKS

        [about_Probe](about_Probe.md)

        [Online](https://example.com/probe)
        """;
}
