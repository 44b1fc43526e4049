using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Commands;
using AtlasApiKeys.StubServer;
using AtlasApiKeys.Tests.Cmdlets;
using Xunit;

namespace AtlasApiKeys.Tests.Reliability;

/// <summary>Runs every cmdlet path, successes and failures, with -Debug's trace and -Verbose on, and
/// every Core trace, then looks for each secret in everything written.</summary>
public sealed class SecretLeakTests : StubTest
{
    private readonly List<string> written = [];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_secret_appears_in_any_stream_trace_error_or_ToString(bool serviceAccount)
    {
        var runner = new CommandRunner(Stub);
        var session = serviceAccount ? Stub.ServiceAccount() : Stub.Digest();
        var p = Stub.Production;
        var monitoring = Stub.Server.State.AllKeys().Single(k => k.Description == "monitoring").Id;
        Func<CommandContext, Task>[] paths =
        [
            c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [p, Stub.Staging], IncludeTotalCount = true }),
            c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [p], ApiKeyId = Stub.Seed.Unassigned.Id }),
            c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = ["0123456789abcdef01234567"] }),
            c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = ["zmmrboas"] }),
            c => ApiKeyCommands.NewAsync(c, new NewKeyRequest { ProjectId = p, Description = "leak check", Roles = ["GROUP_READ_ONLY"] }),
            c => ApiKeyCommands.NewAsync(c, new NewKeyRequest { ProjectId = p, Description = "leak check", Roles = ["GROUP_NOT_A_ROLE"] }),
            c => ApiKeyCommands.AddAsync(c, new KeyRequest { ProjectId = p, ApiKeyId = Stub.Seed.Unassigned.Id, Roles = ["GROUP_READ_ONLY"], PassThru = true }),
            c => ApiKeyCommands.AddAsync(c, new KeyRequest { ProjectId = p, ApiKeyId = Stub.Seed.Unassigned.Id, Roles = ["GROUP_READ_ONLY"] }),
            c => ApiKeyCommands.SetAsync(c, new KeyRequest { ProjectId = p, ApiKeyId = monitoring, Roles = ["GROUP_OWNER"], Description = "m", PassThru = true }),
            c => ApiKeyCommands.SetAsync(c, new KeyRequest { ProjectId = p, ApiKeyId = monitoring }),
            c => ApiKeyCommands.RemoveAsync(c, new KeyRequest { ProjectId = p, ApiKeyId = Stub.Seed.Unassigned.Id, PassThru = true }),
            c => ApiKeyCommands.RemoveAsync(c, new KeyRequest { ProjectId = p, ApiKeyId = Stub.Seed.Unassigned.Id }),
        ];

        foreach (var path in paths)
        {
            Capture(runner.Run(path, session), runner.Terminating);
        }

        // Failures of the transport: retried 5xx, a lost create, a malformed body, a timeout.
        Stub.Server.Faults.Add(FaultKind.InternalServerError, count: 10);
        Capture(runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [p] }), session), runner.Terminating);
        Stub.Server.Faults.Clear();
        foreach (var kind in new[] { FaultKind.DropAfterAction, FaultKind.MalformedBody, FaultKind.HtmlBody })
        {
            Stub.Server.Faults.Add(kind, method: "POST");
            Capture(runner.Run(c => ApiKeyCommands.NewAsync(c, new NewKeyRequest { ProjectId = p, Description = $"leak {kind}", Roles = ["GROUP_READ_ONLY"] }), session), runner.Terminating);
        }

        // Refused credentials (terminating), and Connect's own output.
        var refused = serviceAccount ? Stub.ServiceAccount(secret: "mdb_sa_sk_refused-secret") : Stub.Digest(privateKey: "99999999-8888-7777-6666-555555555555");
        Capture(runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [p] }), refused), runner.Terminating);
        var connectSink = new RecordingSink();
        var connected = ConnectCommand.Connect(connectSink, runner.Store, runner.Scope, new ConnectRequest { BaseUri = Stub.Server.BaseUri, Credential = session.Credential, PassThru = true });
        Stub.Track(connected);
        Capture(connectSink, null);
        written.AddRange(Stub.Trace.Select(t => t.ToString()));
        written.AddRange([session.ToString(), session.Credential.ToString()!, refused.ToString(), connected.ToString()]);

        var secrets = new List<string> { Stub.Seed.Admin.PrivateKey, Stub.Seed.ServiceAccount.ClientSecret, "mdb_sa_sk_refused-secret", "99999999-8888-7777-6666-555555555555" };
        secrets.AddRange(Stub.Server.Auth.SecretsSeen);
        secrets.AddRange(Stub.Server.State.AllKeys().Select(k => k.PrivateKey));
        Assert.True(Stub.Server.Auth.SecretsSeen.Count >= (serviceAccount ? 1 : 10), "the run sent too few secrets to prove anything");
        var text = string.Join("\n", written);
        Assert.True(text.Length > 5_000, "too little was captured to prove anything");
        var leaks = secrets.Distinct().Where(s => text.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.Empty(leaks);
    }

    private void Capture(RecordingSink sink, AtlasErrorInfo? terminating)
    {
        written.Add(sink.AllText());
        written.AddRange(sink.Objects.Select(o => o.ToString() ?? string.Empty));
        written.AddRange(sink.Errors.Select(e => e.Exception.ToString()));
        if (terminating is not null)
        {
            written.Add(terminating.ToString());
            written.Add(terminating.Exception.ToString());
            written.Add($"{terminating.Detail} {terminating.RecommendedAction}");
        }
    }
}
