using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AtlasApiKeys.Core.Commands;
using AtlasApiKeys.Core.Model;
using Xunit;

namespace AtlasApiKeys.Tests.Cmdlets;

/// <summary>`Get-AtlasProjectApiKey | Remove-AtlasProjectApiKey`: PowerShell runs the downstream cmdlet
/// inside the upstream one's WriteObject, on the same thread, so one pump runs inside another.</summary>
public sealed class PipelineTests : StubTest
{
    [Fact]
    public void A_downstream_command_runs_inside_the_upstream_ones_output_on_the_same_thread()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        AtlasApiKeys.StubServer.StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 30);
        var session = Stub.Digest();
        var thread = Environment.CurrentManagedThreadId;
        var downstream = new List<RecordingSink>();
        var upstream = new ForwardingSink(key =>
        {
            Assert.Equal(thread, Environment.CurrentManagedThreadId);
            var sink = new RecordingSink();
            var context = new CommandContext(sink, session, new object(), _ => null, CancellationToken.None);
            PipelinePump.Run(() => ApiKeyCommands.RemoveAsync(context, new KeyRequest { InputObject = key }));
            downstream.Add(sink);
        });
        var outer = new CommandContext(upstream, session, new object(), _ => null, CancellationToken.None);

        PipelinePump.Run(() => GetKeysCommand.RunAsync(outer, new GetKeysRequest { ProjectIds = [bulk.Id] }));

        Assert.Equal(30, downstream.Count);
        Assert.All(downstream, s => Assert.Empty(s.Errors));
        Assert.Empty(Stub.Server.State.KeysOf(bulk.Id));
        Assert.Equal(30, Stub.ApiRequests().Count(r => r.Method == "DELETE" && r.Status == 204));
    }

    [Fact]
    public void When_the_pipeline_stops_downstream_the_listing_stops_too()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        AtlasApiKeys.StubServer.StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 1600);   // four pages
        var session = Stub.Digest();
        using var stopping = new CancellationTokenSource();
        var seen = 0;
        var upstream = new ForwardingSink(_ =>
        {
            if (++seen == 2)
            {
                throw new OperationCanceledException("Select-Object -First 2 stops the pipeline");
            }
        });
        var context = new CommandContext(upstream, session, new object(), _ => null, stopping.Token);

        Assert.Throws<OperationCanceledException>(() => PipelinePump.Run(() => GetKeysCommand.RunAsync(context, new GetKeysRequest { ProjectIds = [bulk.Id] }), stopping.Cancel));

        Thread.Sleep(500);   // time for pages that would still be fetched
        Assert.InRange(Stub.ApiRequests().Count(r => r.Query.Contains("pageNum=", StringComparison.Ordinal) && r.Status == 200), 1, 2);
    }

    [Fact]
    public void A_stop_that_comes_through_a_marshalled_trace_line_cancels_the_work()
    {
        var session = Stub.Digest();
        using var stopping = new CancellationTokenSource();
        var context = new CommandContext(new ForwardingSink(_ => { }, debugThrows: true), session, new object(), _ => null, stopping.Token);

        Assert.Throws<OperationCanceledException>(() => PipelinePump.Run(() => GetKeysCommand.RunAsync(context, new GetKeysRequest { ProjectIds = [Stub.Production] }), stopping.Cancel));

        Assert.True(stopping.IsCancellationRequested);
    }

    /// <summary>Hands each key to the next command at once, as the PowerShell pipeline does.</summary>
    private sealed class ForwardingSink(Action<ProjectApiKey> next, bool debugThrows = false) : ICommandSink
    {
        public void WriteObject(object value) => next((ProjectApiKey)value);

        public void WriteError(AtlasErrorInfo error) => throw new InvalidOperationException(error.ToString());

        public void WriteWarning(string text)
        {
        }

        public void WriteVerbose(string text)
        {
        }

        public void WriteDebug(string text)
        {
            if (debugThrows)
            {
                throw new OperationCanceledException("the pipeline stopped while -Debug wrote");
            }
        }

        public void WriteTotalCount(long total)
        {
        }

        public bool ShouldProcess(string target, string action) => true;
    }
}
