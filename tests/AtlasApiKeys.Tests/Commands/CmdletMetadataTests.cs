using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using AtlasApiKeys.Commands;
using AtlasApiKeys.Tests.Support;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>The cmdlets' declared shape, read with CustomAttributeData (nothing of PowerShell runs).</summary>
public sealed class CmdletMetadataTests
{
    private static readonly Assembly Module = typeof(ConnectAtlasCommand).Assembly;

    public static IEnumerable<Type> CmdletTypes => Module.GetTypes().Where(t => !t.IsAbstract && CmdletData(t) is not null);

    public static TheoryData<string> KeyCmdlets => new() { "Get", "New", "Add", "Set", "Remove" };

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlet_classes()
    {
        var manifest = File.ReadAllText(RepositoryFolder.File("AtlasApiKeys.psd1"));
        var exported = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value;
        var names = Regex.Matches(exported, "'([^']+)'").Select(m => m.Groups[1].Value).OrderBy(n => n).ToList();

        Assert.NotEmpty(names);
        Assert.Equal(CmdletTypes.Select(Name).OrderBy(n => n), names);
        foreach (var list in new[] { "FunctionsToExport", "VariablesToExport", "AliasesToExport" })
        {
            Assert.Matches(list + @"\s*=\s*@\(\)", manifest);
        }

        Assert.Matches(@"CompatiblePSEditions\s*=\s*@\('Desktop', 'Core'\)", manifest);
        Assert.Matches(@"PowerShellVersion\s*=\s*'5\.1'", manifest);
        Assert.Contains("'AtlasApiKeys.Format.ps1xml'", manifest, StringComparison.Ordinal);
        foreach (var tag in new[] { "PSEdition_Desktop", "PSEdition_Core", "MongoDB", "Atlas" })
        {
            Assert.Contains($"'{tag}'", manifest, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_cmdlet_is_sealed_named_by_convention_with_an_output_type_and_a_default_set()
    {
        foreach (var type in CmdletTypes)
        {
            Assert.True(type.IsSealed, type.Name);
            Assert.Equal(Name(type).Replace("-", string.Empty, StringComparison.Ordinal) + "Command", type.Name);
            Assert.NotNull(type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType == typeof(OutputTypeAttribute)));
            if (type != typeof(DisconnectAtlasCommand))
            {
                Assert.False(string.IsNullOrEmpty(Named<string>(CmdletData(type)!, "DefaultParameterSetName")), type.Name);
            }
        }
    }

    [Theory]
    [InlineData(typeof(NewAtlasProjectApiKeyCommand), "Medium")]
    [InlineData(typeof(AddAtlasProjectApiKeyCommand), "Medium")]
    [InlineData(typeof(SetAtlasProjectApiKeyCommand), "Medium")]
    [InlineData(typeof(RemoveAtlasProjectApiKeyCommand), "High")]
    [InlineData(typeof(RemoveAtlasOrgApiKeyCommand), "High")]
    public void Changes_support_ShouldProcess_with_their_impact(Type type, string impact)
    {
        var cmdlet = CmdletData(type)!;
        Assert.True(Named<bool>(cmdlet, "SupportsShouldProcess"));
        Assert.Equal(Enum.Parse<ConfirmImpact>(impact), Named<ConfirmImpact>(cmdlet, "ConfirmImpact"));
    }

    [Fact]
    public void Get_supports_paging_and_reads_are_not_confirmable()
    {
        Assert.True(Named<bool>(CmdletData(typeof(GetAtlasProjectApiKeyCommand))!, "SupportsPaging"));
        Assert.False(Named<bool>(CmdletData(typeof(GetAtlasProjectApiKeyCommand))!, "SupportsShouldProcess"));
        Assert.True(Named<bool>(CmdletData(typeof(GetAtlasOrgApiKeyCommand))!, "SupportsPaging"));
        Assert.False(Named<bool>(CmdletData(typeof(GetAtlasOrgApiKeyCommand))!, "SupportsShouldProcess"));
    }

    [Theory]
    [MemberData(nameof(KeyCmdlets))]
    public void ProjectId_binds_by_property_name_with_the_GroupId_alias_and_is_validated(string verb)
    {
        var property = Type(verb).GetProperty("ProjectId")!;
        Assert.Contains(Parameters(property), p => Named<bool>(p, "ValueFromPipelineByPropertyName"));
        Assert.Equal(["GroupId"], Aliases(property));
        Assert.Contains(property.GetCustomAttributesData(), a => a.AttributeType == typeof(ValidateAtlasIdAttribute) && (string)a.ConstructorArguments[0].Value! == "ProjectId");
    }

    [Theory]
    [InlineData("Get")]
    [InlineData("Add")]
    [InlineData("Set")]
    [InlineData("Remove")]
    public void ApiKeyId_binds_by_property_name_with_the_Id_alias(string verb)
    {
        var property = Type(verb).GetProperty("ApiKeyId")!;
        Assert.All(Parameters(property), p => Assert.True(Named<bool>(p, "ValueFromPipelineByPropertyName")));
        Assert.Equal(["Id"], Aliases(property));
        Assert.Contains(property.GetCustomAttributesData(), a => a.AttributeType == typeof(ValidateAtlasIdAttribute));
    }

    [Theory]
    [InlineData("Add")]
    [InlineData("Set")]
    [InlineData("Remove")]
    public void InputObject_takes_the_keys_Get_writes_and_PassThru_is_there(string verb)
    {
        var input = Type(verb).GetProperty("InputObject")!;
        Assert.Equal(typeof(AtlasApiKeys.Core.Model.ProjectApiKey), input.PropertyType);
        Assert.Contains(Parameters(input), p => Named<bool>(p, "ValueFromPipeline") && Named<bool>(p, "Mandatory"));
        Assert.Equal(typeof(SwitchParameter), Type(verb).GetProperty("PassThru")!.PropertyType);
    }

    [Theory]
    [InlineData("New")]
    [InlineData("Add")]
    [InlineData("Set")]
    public void Roles_are_validated_and_completed(string verb)
    {
        var role = Type(verb).GetProperty("Role")!;
        Assert.Equal(typeof(string[]), role.PropertyType);
        Assert.Contains(role.GetCustomAttributesData(), a => a.AttributeType == typeof(ValidateAtlasRoleAttribute));
        Assert.Contains(role.GetCustomAttributesData(), a => a.AttributeType == typeof(ArgumentCompleterAttribute) && (Type)a.ConstructorArguments[0].Value! == typeof(ProjectRoleCompleter));
    }

    [Fact]
    public void Descriptions_are_validated_and_New_requires_one()
    {
        foreach (var verb in new[] { "New", "Set" })
        {
            Assert.Contains(Type(verb).GetProperty("Description")!.GetCustomAttributesData(), a => a.AttributeType == typeof(ValidateAtlasDescriptionAttribute));
        }

        Assert.All(Parameters(Type("New").GetProperty("Description")!), p => Assert.True(Named<bool>(p, "Mandatory")));
    }

    [Fact]
    public void Every_key_cmdlet_takes_a_Session_and_Connect_has_both_credential_sets()
    {
        foreach (var verb in new[] { "Get", "New", "Add", "Set", "Remove" })
        {
            Assert.Equal(typeof(AtlasApiKeys.Core.AtlasSession), Type(verb).GetProperty("Session")!.PropertyType);
        }

        var connect = typeof(ConnectAtlasCommand);
        Assert.Equal(ConnectAtlasCommand.ApiKeySet, Parameters(connect.GetProperty("Credential")!).Single().NamedArguments.Single(a => a.MemberName == "ParameterSetName").TypedValue.Value);
        Assert.Equal(ConnectAtlasCommand.ServiceAccountSet, Parameters(connect.GetProperty("ServiceAccount")!).Single().NamedArguments.Single(a => a.MemberName == "ParameterSetName").TypedValue.Value);
        Assert.NotNull(connect.GetProperty("Government"));
        Assert.NotNull(connect.GetProperty("AllowInsecureHttp"));
    }

    [Fact]
    public void The_module_assembly_references_Core_but_none_of_Cores_dependencies()
    {
        var references = Module.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("AtlasApiKeys.Core", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Polly", StringComparison.Ordinal) || r.StartsWith("Microsoft.Extensions", StringComparison.Ordinal)
            || r == "System.Text.Json" || r == "Microsoft.Bcl.AsyncInterfaces");
    }

    private static Type Type(string verb) => CmdletTypes.Single(t => t.Name == $"{verb}AtlasProjectApiKeyCommand");

    private static CustomAttributeData? CmdletData(Type type) => type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType == typeof(CmdletAttribute));

    internal static string Name(Type type)
    {
        var data = CmdletData(type)!;
        return $"{data.ConstructorArguments[0].Value}-{data.ConstructorArguments[1].Value}";
    }

    private static T? Named<T>(CustomAttributeData data, string name)
    {
        var argument = data.NamedArguments.SingleOrDefault(a => a.MemberName == name);
        if (argument.MemberInfo is null)
        {
            return default;
        }

        var value = argument.TypedValue.Value;
        return typeof(T).IsEnum ? (T)Enum.ToObject(typeof(T), value!) : (T)value!;
    }

    private static List<CustomAttributeData> Parameters(PropertyInfo property) =>
        property.GetCustomAttributesData().Where(a => a.AttributeType == typeof(ParameterAttribute)).ToList();

    private static string[] Aliases(PropertyInfo property) =>
        property.GetCustomAttributesData().Where(a => a.AttributeType == typeof(AliasAttribute))
            .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!)).ToArray();
}
