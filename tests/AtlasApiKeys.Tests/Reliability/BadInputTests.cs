using System;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using AtlasApiKeys.Commands;
using AtlasApiKeys.Tests.Commands;
using Xunit;

namespace AtlasApiKeys.Tests.Reliability;

/// <summary>The values people type, for every parameter of every cmdlet: refused before any request,
/// with a message that names the parameter.</summary>
public sealed class BadInputTests : CmdletTest
{
    private const string Good = "0123456789abcdef01234567";

    public static readonly string?[] BadIds =
    [
        "abc", "zmmrboas", string.Empty, "   ", null, " " + Good, Good + " ", "0123 456789abcdef0123456", "0123456789abcdef0123456g", Good + "8", "{" + Good + "}",
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var id in BadIds.Where(i => i is not null))
        {
            foreach (var cmdlet in new[] { "Get", "New", "Add", "Set", "Remove" })
            {
                data.Add($"{cmdlet}:ProjectId", id!);
            }

            foreach (var cmdlet in new[] { "Get", "Add", "Set", "Remove" })
            {
                data.Add($"{cmdlet}:ApiKeyId", id!);
            }
        }

        foreach (var roles in new[] { "", "group-read-only", "GROUP_READ ONLY", "READ_ONLY", "GROUP_READ_ONLY,", " GROUP_OWNER", "ORG_OWNER" })
        {
            foreach (var cmdlet in new[] { "New", "Add", "Set" })
            {
                data.Add($"{cmdlet}:Role", roles);
            }
        }

        foreach (var description in new[] { string.Empty, "   ", new string('d', 251) })
        {
            data.Add("New:Description", description);
            data.Add("Set:Description", description);
        }

        data.Add("Set:Nothing", string.Empty);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Refused_before_any_request_naming_the_parameter(string what, string value)
    {
        var (cmdlet, parameter) = (what.Split(':')[0], what.Split(':')[1]);
        var ids = $"-ProjectId {(parameter == "ProjectId" ? "$v" : "$p")}";
        var key = parameter == "ApiKeyId" ? "$v" : "$k";
        var roles = parameter == "Role" ? (value.Length == 0 ? "@()" : "$v.Split(',')") : "GROUP_READ_ONLY";
        var description = parameter == "Description" ? "$v" : "ok";
        var script = cmdlet switch
        {
            "Get" => $"Get-AtlasProjectApiKey -Session $s {ids}" + (parameter == "ApiKeyId" ? " -ApiKeyId $v" : string.Empty),
            "New" => $"New-AtlasProjectApiKey -Session $s {ids} -Description {description} -Role {roles}",
            "Add" => $"Add-AtlasProjectApiKey -Session $s {ids} -ApiKeyId {key} -Role {roles}",
            "Set" => $"Set-AtlasProjectApiKey -Session $s {ids} -ApiKeyId {key}"
                + (parameter == "Role" ? $" -Role {roles}" : string.Empty) + (parameter == "Description" ? " -Description $v" : string.Empty),
            _ => $"Remove-AtlasProjectApiKey -Session $s {ids} -ApiKeyId {key} -Confirm:$false",
        };

        var run = Pwsh.Run(script, ("s", Stub.Digest()), ("p", Stub.Production), ("k", Stub.Seed.Admin.Id), ("v", value));

        var error = run.Error;
        Assert.Contains(error.CategoryInfo.Category, new[] { ErrorCategory.InvalidArgument, ErrorCategory.InvalidData });   // per item, or at binding
        Assert.Contains(parameter == "Nothing" ? "Role" : parameter, error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public void A_missing_project_id_with_no_default_is_refused_naming_the_parameter()
    {
        var run = Pwsh.Run("Remove-AtlasProjectApiKey -Session $s -ApiKeyId $k -Confirm:$false", ("s", Stub.Digest()), ("k", Good));
        Assert.Equal(("AtlasProjectIdMissing,AtlasApiKeys.Commands.RemoveAtlasProjectApiKeyCommand", ErrorCategory.InvalidArgument), (run.Terminating!.FullyQualifiedErrorId, run.Terminating.CategoryInfo.Category));
        Assert.Contains("ProjectId", run.Terminating.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Theory]
    [InlineData(typeof(ValidateAtlasIdAttribute), "zmmrboas", false)]
    [InlineData(typeof(ValidateAtlasIdAttribute), " 0123456789abcdef01234567", false)]
    [InlineData(typeof(ValidateAtlasIdAttribute), "0123456789abcdef01234567", true)]
    [InlineData(typeof(ValidateAtlasRoleAttribute), "group_read_only", false)]
    [InlineData(typeof(ValidateAtlasRoleAttribute), "GROUP_READ_ONLY", true)]
    [InlineData(typeof(ValidateAtlasDescriptionAttribute), "", false)]
    [InlineData(typeof(ValidateAtlasDescriptionAttribute), "ci deploy", true)]
    public void The_binding_time_checks_refuse_the_same_values(Type attribute, string value, bool valid)
    {
        var instance = attribute == typeof(ValidateAtlasIdAttribute) ? Activator.CreateInstance(attribute, "ProjectId")! : Activator.CreateInstance(attribute)!;
        var validate = attribute.GetMethod("Validate", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var thrown = Record.Exception(() => validate.Invoke(instance, [attribute == typeof(ValidateAtlasRoleAttribute) ? new[] { value } : value, null]));
        if (valid)
        {
            Assert.Null(thrown);
        }
        else
        {
            Assert.IsType<ValidationMetadataException>(Assert.IsType<TargetInvocationException>(thrown).InnerException);
        }
    }
}
