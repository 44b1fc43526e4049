using System;
using System.Management.Automation;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Commands;

namespace AtlasApiKeys.Commands;

/// <summary>Connect-Atlas: opens a session with an API key pair (digest) or a service account.</summary>
[Cmdlet(VerbsCommunications.Connect, "Atlas", DefaultParameterSetName = ApiKeySet)]
[OutputType(typeof(AtlasSession))]
public sealed class ConnectAtlasCommand : PSCmdlet
{
    /// <summary>The API key pair set.</summary>
    public const string ApiKeySet = "ApiKey";

    /// <summary>The service account set.</summary>
    public const string ServiceAccountSet = "ServiceAccount";

    /// <summary>User name = public key, password = private key.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ApiKeySet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = null!;

    /// <summary>User name = client id, password = client secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ServiceAccountSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential ServiceAccount { get; set; } = null!;

    /// <summary>The base URI (default https://cloud.mongodb.com).</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    /// <summary>Atlas for Government (https://cloud.mongodbgov.com).</summary>
    [Parameter]
    public SwitchParameter Government { get; set; }

    /// <summary>The project the other cmdlets use when they are given none.</summary>
    [Parameter]
    [ValidateAtlasId("ProjectId")]
    [Alias("GroupId")]
    public string? ProjectId { get; set; }

    /// <summary>Allow plain http to a host that is not loopback (credentials cross the network readable).</summary>
    [Parameter]
    public SwitchParameter AllowInsecureHttp { get; set; }

    /// <summary>Write the session object.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        AtlasCredential credential = ParameterSetName == ServiceAccountSet
            ? new AtlasServiceAccountCredential(ServiceAccount.UserName, ServiceAccount.Password)
            : new AtlasDigestCredential(Credential.UserName, Credential.Password);
        var request = new ConnectRequest
        {
            Credential = credential,
            BaseUri = BaseUri,
            Government = Government,
            ProjectId = ProjectId,
            AllowInsecureHttp = AllowInsecureHttp,
            PassThru = PassThru,
        };
        try
        {
            ConnectCommand.Connect(new CmdletSink(this), SessionStore.Default, AtlasCmdletBase.Scope, request);
        }
        catch (AtlasTerminatingException ex)
        {
            ThrowTerminatingError(CmdletSink.ToErrorRecord(ex.Error));
        }
    }
}

/// <summary>Disconnect-Atlas: forgets the session Connect-Atlas stored.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Atlas")]
[OutputType(typeof(void))]
public sealed class DisconnectAtlasCommand : PSCmdlet
{
    /// <inheritdoc />
    protected override void EndProcessing() => ConnectCommand.Disconnect(new CmdletSink(this), SessionStore.Default, AtlasCmdletBase.Scope);
}
