using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AtlasApiKeys.StubServer;
using AtlasApiKeys.Tests.Commands;
using Xunit;

namespace AtlasApiKeys.Tests.Reliability;

/// <summary>Runs every cmdlet path, successes and failures, with -Debug's trace and -Verbose on, and
/// every Core trace, in a real runspace, then looks for each secret in everything written.</summary>
public sealed class SecretLeakTests : CmdletTest
{
    private readonly List<string> written = [];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void No_secret_appears_in_any_stream_trace_error_or_ToString(bool serviceAccount)
    {
        var session = serviceAccount ? Stub.ServiceAccount() : Stub.Digest();
        var monitoring = Stub.Server.State.AllKeys().Single(k => k.Description == "monitoring").Id;
        (string, object?)[] variables = [("s", session), ("p", Stub.Production), ("st", Stub.Staging), ("u", Stub.Seed.Unassigned.Id), ("m", monitoring)];
        string[] paths =
        [
            "Get-AtlasProjectApiKey -Session $s -ProjectId $p, $st -IncludeTotalCount",
            "Get-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $u",
            "Get-AtlasProjectApiKey -Session $s -ProjectId 0123456789abcdef01234567",
            "Get-AtlasProjectApiKey -Session $s -ProjectId zmmrboas",
            "New-AtlasProjectApiKey -Session $s -ProjectId $p -Description 'leak check' -Role GROUP_READ_ONLY",
            "New-AtlasProjectApiKey -Session $s -ProjectId $p -Description 'leak check' -Role GROUP_NOT_A_ROLE",
            "Add-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $u -Role GROUP_READ_ONLY -PassThru",
            "Add-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $u -Role GROUP_READ_ONLY",
            "Set-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $m -Role GROUP_OWNER -Description m -PassThru",
            "Set-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $m",
            "Remove-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $u -PassThru -Confirm:$false",
            "Remove-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $u -Confirm:$false",
        ];

        foreach (var path in paths)
        {
            Capture(Pwsh.Run(path + " -Debug -Verbose", variables));
        }

        // Failures of the transport: retried 5xx, a lost create, a malformed body, a timeout.
        Stub.Server.Faults.Add(FaultKind.InternalServerError, count: 10);
        Capture(Pwsh.Run("Get-AtlasProjectApiKey -Session $s -ProjectId $p -Debug -Verbose"));
        Stub.Server.Faults.Clear();
        foreach (var kind in new[] { FaultKind.DropAfterAction, FaultKind.MalformedBody, FaultKind.HtmlBody })
        {
            Stub.Server.Faults.Add(kind, method: "POST");
            Capture(Pwsh.Run($"New-AtlasProjectApiKey -Session $s -ProjectId $p -Description 'leak {kind}' -Role GROUP_READ_ONLY -Debug -Verbose"));
        }

        // Refused credentials (terminating), and Connect's own output.
        var refused = serviceAccount ? Stub.ServiceAccount(secret: "mdb_sa_sk_refused-secret") : Stub.Digest(privateKey: "99999999-8888-7777-6666-555555555555");
        Capture(Pwsh.Run("Get-AtlasProjectApiKey -Session $r -ProjectId $p -Debug -Verbose", ("r", refused)));
        var user = serviceAccount ? Stub.Seed.ServiceAccount.ClientId : Stub.Seed.Admin.PublicKey;
        var secret = serviceAccount ? Stub.Seed.ServiceAccount.ClientSecret : Stub.Seed.Admin.PrivateKey;
        var connect = Pwsh.Run(
            $"Connect-Atlas -BaseUri $uri {(serviceAccount ? "-ServiceAccount" : "-Credential")} $cred -PassThru -Debug -Verbose",
            ("uri", Stub.Server.BaseUri), ("cred", new PSCredential(user, secret.Secure())));
        Stub.Track(Assert.IsType<AtlasApiKeys.Core.AtlasSession>(Assert.Single(connect.Output)));
        Capture(connect);
        written.AddRange(Pwsh.Host.Lines);
        written.AddRange(Stub.Trace.Select(t => t.ToString()));
        written.AddRange([session.ToString(), session.Credential.ToString()!, refused.ToString()]);

        var secrets = new List<string> { Stub.Seed.Admin.PrivateKey, Stub.Seed.ServiceAccount.ClientSecret, "mdb_sa_sk_refused-secret", "99999999-8888-7777-6666-555555555555" };
        secrets.AddRange(Stub.Server.Auth.SecretsSeen);
        secrets.AddRange(Stub.Server.State.AllKeys().Select(k => k.PrivateKey));
        Assert.True(Stub.Server.Auth.SecretsSeen.Count >= (serviceAccount ? 1 : 10), "the run sent too few secrets to prove anything");
        var text = string.Join("\n", written);
        Assert.True(text.Length > 5_000, "too little was captured to prove anything");
        Assert.Contains("HTTP POST ", text, StringComparison.Ordinal);   // the -Debug trace was captured
        var leaks = secrets.Distinct().Where(s => text.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.Empty(leaks);
    }

    private void Capture(PwshResult run) => written.Add(run.AllText());
}
