using System;
using System.Collections.Generic;
using AtlasApiKeys.Core.Commands;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Demo;

/// <summary>Prints what a cmdlet would write, roughly as PowerShell shows it.</summary>
internal sealed class ConsoleSink(bool confirm = true, bool debug = false) : ICommandSink
{
    private readonly List<ProjectApiKey> table = [];

    public void WriteObject(object value)
    {
        if (value is ProjectApiKey key)
        {
            table.Add(key);
        }
        else
        {
            Console.WriteLine(value);
        }
    }

    public void WriteError(AtlasErrorInfo error)
    {
        Flush();
        Console.WriteLine($"{error.Exception.Message}\n    + CategoryInfo          : {error.Category}: ({error.Target}) [], {error.Exception.GetType().Name}\n    + FullyQualifiedErrorId : {error.ErrorId}");
        if (error.RecommendedAction is not null)
        {
            Console.WriteLine($"    + RecommendedAction     : {error.RecommendedAction}");
        }
    }

    public void WriteWarning(string text) => Console.WriteLine($"WARNING: {text}");

    public void WriteVerbose(string text)
    {
    }

    public void WriteDebug(string text)
    {
        if (debug)
        {
            Console.WriteLine($"DEBUG: {text}");
        }
    }

    public void WriteTotalCount(long total) => Console.WriteLine($"Total count: {total}");

    public bool ShouldProcess(string target, string action)
    {
        if (!confirm)
        {
            Console.WriteLine($"What if: Performing the operation \"{action}\" on target \"{target}\".");
        }

        return confirm;
    }

    public void Flush()
    {
        if (table.Count == 0)
        {
            return;
        }

        Console.WriteLine($"\n{"Id",-24} {"PublicKey",-9} {"Description",-22} {"Roles",-44} ProjectId");
        Console.WriteLine($"{new string('-', 24)} {new string('-', 9)} {new string('-', 22)} {new string('-', 44)} {new string('-', 24)}");
        foreach (var key in table)
        {
            Console.WriteLine($"{key.Id,-24} {key.PublicKey,-9} {Cut(key.Description ?? string.Empty, 22),-22} {Cut(string.Join(", ", key.Roles), 44),-44} {key.ProjectId}");
        }

        Console.WriteLine();
        table.Clear();
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : text.Substring(0, width - 1) + "…";
}
