using System;

namespace AtlasApiKeys.HelpBuilder;

/// <summary>A help page the converter cannot turn into help: names the file and line, as MSBuild reads it.</summary>
internal sealed class HelpPageException(string file, int line, string message) : Exception(message)
{
    public string File { get; } = file;

    public int Line { get; } = line;

    /// <summary>The canonical MSBuild error format, so the build shows it as an error at that place.</summary>
    public string ToMSBuildError() => $"{File}({Line}): error AAKHELP: {Message}";
}
