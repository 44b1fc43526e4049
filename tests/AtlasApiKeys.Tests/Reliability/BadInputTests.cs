using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Threading.Tasks;
using AtlasApiKeys.Commands;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Commands;
using AtlasApiKeys.Tests.Cmdlets;
using Xunit;

namespace AtlasApiKeys.Tests.Reliability;

/// <summary>The values people type, for every parameter of every cmdlet: refused before any request,
/// with a message that names the parameter.</summary>
public sealed class BadInputTests : StubTest
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

        foreach (var roles in new[] { "", "group_read_only", "GROUP_read_only", "READ_ONLY", "GROUP_READ_ONLY,", " GROUP_OWNER", "ORG_OWNER" })
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
        var runner = new CommandRunner(Stub);
        var session = Stub.Digest();
        var key = Stub.Seed.Admin.Id;
        string? Id(string name) => parameter == name ? value : name == "ProjectId" ? Stub.Production : key;
        IReadOnlyList<string> roles = parameter == "Role" ? value.Split(',') : ["GROUP_READ_ONLY"];
        if (parameter == "Role" && value.Length == 0)
        {
            roles = [];
        }

        var description = parameter == "Description" ? value : cmdlet == "Set" ? null : "ok";
        var request = new KeyRequest { ProjectId = Id("ProjectId"), ApiKeyId = Id("ApiKeyId"), Roles = cmdlet == "Set" && parameter is not "Role" ? null : roles, Description = description };
        Func<CommandContext, Task> logic = cmdlet switch
        {
            "Get" => c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [Id("ProjectId")!], ApiKeyId = parameter == "ApiKeyId" ? value : null }),
            "New" => c => ApiKeyCommands.NewAsync(c, new NewKeyRequest { ProjectId = Id("ProjectId"), Description = description!, Roles = roles }),
            "Add" => c => ApiKeyCommands.AddAsync(c, request),
            "Set" => c => ApiKeyCommands.SetAsync(c, request),
            _ => c => ApiKeyCommands.RemoveAsync(c, request),
        };

        var sink = runner.Run(logic, session);

        var error = runner.Terminating ?? Assert.Single(sink.Errors);
        Assert.Equal(AtlasErrorCategory.InvalidArgument, error.Category);
        Assert.Contains(parameter == "Nothing" ? "Role" : parameter, error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Objects);
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public void A_missing_project_id_with_no_default_is_refused_naming_the_parameter()
    {
        var runner = new CommandRunner(Stub);
        runner.Run(c => ApiKeyCommands.RemoveAsync(c, new KeyRequest { ApiKeyId = Good }), Stub.Digest());
        Assert.Equal(("AtlasProjectIdMissing", AtlasErrorCategory.InvalidArgument), (runner.Terminating!.ErrorId, runner.Terminating.Category));
        Assert.Contains("ProjectId", runner.Terminating.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Theory]
    [InlineData("cloud.mongodb.com")]
    [InlineData("http://cloud.mongodb.com")]
    [InlineData("http://10.1.2.3:8080")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("file:///etc/passwd")]
    public void Base_uris_without_a_scheme_or_with_plain_http_to_a_remote_host_are_refused(string uri)
    {
        var ex = Assert.Throws<AtlasTerminatingException>(() => ConnectCommand.Connect(new RecordingSink(), new SessionStore(), new object(), new ConnectRequest
        {
            Credential = new AtlasDigestCredential("abcdefgh", "secret"),
            BaseUri = new Uri(uri, UriKind.RelativeOrAbsolute),
        }));
        Assert.Equal(AtlasErrorCategory.InvalidArgument, ex.Error.Category);
        Assert.Contains("BaseUri", ex.Error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_to_a_remote_host_is_allowed_only_when_asked_for()
    {
        var session = ConnectCommand.Connect(new RecordingSink(), new SessionStore(), new object(), new ConnectRequest
        {
            Credential = new AtlasDigestCredential("abcdefgh", "secret"),
            BaseUri = new Uri("http://atlas.test.internal"),
            AllowInsecureHttp = true,
        });
        using (session)
        {
            Assert.Equal("http://atlas.test.internal/", session.BaseUri.ToString());
        }
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
