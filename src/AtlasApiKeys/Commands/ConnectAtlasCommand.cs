using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>Connect-Atlas: opens a session with an API key pair (digest) or a service account.</summary>
[Cmdlet(VerbsCommunications.Connect, "Atlas", DefaultParameterSetName = ApiKeySet)]
[OutputType(typeof(AtlasSession))]
public sealed class ConnectAtlasCommand : AsyncCmdlet
{
    private readonly object scope = AtlasCmdletBase.Scope;

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
    [ArgumentCompleter(typeof(ProjectIdCompleter))]
    public string? ProjectId { get; set; }

    /// <summary>The default project by name (getGroupByName, asked once now), instead of -ProjectId.</summary>
    [Parameter]
    [ValidateLength(1, 64)]
    [ArgumentCompleter(typeof(ProjectNameCompleter))]
    public string? ProjectName { get; set; }

    /// <summary>The organization the organization cmdlets use when they are given none.</summary>
    [Parameter]
    [ValidateAtlasId("OrgId")]
    [ArgumentCompleter(typeof(OrgIdCompleter))]
    public string? OrgId { get; set; }

    /// <summary>Allow plain http to a host that is not loopback (credentials cross the network readable).</summary>
    [Parameter]
    public SwitchParameter AllowInsecureHttp { get; set; }

    /// <summary>Write the session object (it is still stored as the default).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Write the session object without storing it: the default connection stays as it was
    /// (a session made only to pass with -Session).</summary>
    [Parameter]
    public SwitchParameter NoDefault { get; set; }

    /// <inheritdoc />
    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var credential = NewCredential();
        AtlasSession session;
        try
        {
            if (Government && BaseUri is not null)
            {
                throw new ArgumentException("Give -BaseUri or -Government, not both.", "BaseUri");
            }

            if (ProjectId is not null && ProjectName is not null)
            {
                throw new ArgumentException("Give -ProjectId or -ProjectName, not both.", "ProjectName");
            }

            session = new AtlasSession(new AtlasSessionOptions
            {
                Credential = credential,
                BaseUri = Government ? AtlasSessionOptions.GovernmentCloud : BaseUri ?? AtlasSessionOptions.CommercialCloud,
                DefaultProjectId = ProjectId,
                DefaultOrgId = OrgId,
                AllowInsecureHttp = AllowInsecureHttp,
            });
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(ErrorMapper.ToErrorRecord(ex, BaseUri));
            throw;
        }

        if (ProjectName is not null)
        {
            await UseProjectNamedAsync(session, ProjectName, cancellationToken).ConfigureAwait(false);
        }

        if (!NoDefault)
        {
            SessionStore.Default.SetConnected(scope, session);
        }

        WriteVerbose($"{(NoDefault ? "Opened a session (not the default) to" : "Connected to")} {session.BaseUri} as {session.Credential}{(session.DefaultProjectId is null ? string.Empty : $", default project {session.DefaultProjectId}")}{(session.DefaultOrgId is null ? string.Empty : $", default organization {session.DefaultOrgId}")}.");
        if (PassThru || NoDefault)
        {
            session.HandedOut = true;
            WriteObject(session);
        }
    }

    /// <summary>Makes the project named <paramref name="name"/> the session's default (getGroupByName: the
    /// one request Connect-Atlas sends, and only with -ProjectName); terminating when Atlas does not know it.</summary>
    private async Task UseProjectNamedAsync(AtlasSession session, string name, CancellationToken cancellationToken)
    {
        try
        {
            session.DefaultProjectId = (await session.Organization.GetProjectByNameAsync(name, cancellationToken).ConfigureAwait(false)).Id;
        }
        catch (Exception ex)
        {
            session.Dispose();
            if (ex is AtlasApiKeys.Core.Errors.AtlasApiException or ArgumentException)
            {
                ThrowTerminatingError(ErrorMapper.ToErrorRecord(ex, name));
            }

            throw;
        }
    }

    /// <summary>The credential from -Credential or -ServiceAccount; terminating (AtlasInvalidCredential,
    /// InvalidArgument, naming the parameter) when its user name or password is empty.</summary>
    private AtlasCredential NewCredential()
    {
        var account = ParameterSetName == ServiceAccountSet;
        var given = account ? ServiceAccount : Credential;
        try
        {
            return account
                ? new AtlasServiceAccountCredential(given.UserName, given.Password)
                : new AtlasDigestCredential(given.UserName, given.Password);
        }
        catch (ArgumentException)
        {
            var parameter = account ? "ServiceAccount" : "Credential";
            var (noUser, noPassword) = (string.IsNullOrWhiteSpace(given.UserName), given.Password is null || given.Password.Length == 0);
            var what = noUser && noPassword ? $"-{parameter} is empty" : noUser ? $"-{parameter} has no user name" : $"-{parameter} has an empty password";
            var how = account
                ? "give the service account's client id as the user name and its client secret as the password"
                : "give the API key's public key as the user name and its private key as the password";
            var ex = new ArgumentException($"{what}: {how}, e.g. -{parameter} (Get-Credential).", parameter);
            ThrowTerminatingError(ErrorMapper.Record(ex, "AtlasInvalidCredential", ErrorCategory.InvalidArgument, parameter));
            throw;
        }
    }
}
