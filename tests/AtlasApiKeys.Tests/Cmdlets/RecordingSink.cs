using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Commands;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Tests.Cmdlets;

/// <summary>Stands in for a cmdlet: records every write, answers ShouldProcess, and checks that every
/// call comes on the thread that ran the command (the pipeline thread).</summary>
public sealed class RecordingSink : ICommandSink
{
    private readonly int pipelineThread = Environment.CurrentManagedThreadId;

    public List<object> Objects { get; } = [];

    public List<AtlasErrorInfo> Errors { get; } = [];

    public List<string> Warnings { get; } = [];

    public List<string> Verbose { get; } = [];

    public List<string> Debug { get; } = [];

    public List<long> TotalCounts { get; } = [];

    public List<(string Target, string Action)> ShouldProcessCalls { get; } = [];

    /// <summary>False plays -WhatIf (or answering No to -Confirm).</summary>
    public bool Confirm { get; set; } = true;

    public int OffThreadCalls { get; private set; }

    public IEnumerable<ProjectApiKey> Keys => Objects.OfType<ProjectApiKey>();

    public void WriteObject(object value) => Record(Objects, value);

    public void WriteError(AtlasErrorInfo error) => Record(Errors, error);

    public void WriteWarning(string text) => Record(Warnings, text);

    public void WriteVerbose(string text) => Record(Verbose, text);

    public void WriteDebug(string text) => Record(Debug, text);

    public void WriteTotalCount(long total) => Record(TotalCounts, total);

    public bool ShouldProcess(string target, string action)
    {
        Record(ShouldProcessCalls, (target, action));
        return Confirm;
    }

    /// <summary>Everything written, as text, for secret scans.</summary>
    public string AllText() => string.Join("\n", Objects.Select(o => o.ToString())
        .Concat(Errors.Select(e => e + " " + e.Detail + " " + e.RecommendedAction + " " + e.Exception))
        .Concat(Warnings).Concat(Verbose).Concat(Debug));

    private void Record<T>(List<T> list, T item)
    {
        if (Environment.CurrentManagedThreadId != pipelineThread)
        {
            OffThreadCalls++;
        }

        list.Add(item);
    }
}

/// <summary>Runs command logic the way the cmdlet base does: on this thread, through the pump.</summary>
public sealed class CommandRunner(StubHarness stub)
{
    public Dictionary<string, string> Environment { get; } = [];

    public object Scope { get; } = new();

    public SessionStore Store { get; } = new();

    public AtlasErrorInfo? Terminating { get; private set; }

    public RecordingSink Run(Func<CommandContext, Task> logic, AtlasSession? session = null, bool confirm = true, CancellationToken token = default)
    {
        var sink = new RecordingSink { Confirm = confirm };
        var context = new CommandContext(sink, session, Scope, name => Environment.TryGetValue(name, out var v) ? v : null, token, Store);
        Terminating = null;
        try
        {
            PipelinePump.Run(() => logic(context));
        }
        catch (AtlasTerminatingException ex)
        {
            Terminating = ex.Error;
        }

        return sink;
    }

    public RecordingSink Run(Func<CommandContext, Task> logic, bool confirm) => Run(logic, stub.Digest(), confirm);
}
