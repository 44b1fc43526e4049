using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>A PowerShell host that records what it is shown ("What if:" lines, host debug lines) and
/// answers -Confirm's question as told, recording each question.</summary>
public sealed class RecordingHost(bool confirm) : PSHost
{
    private readonly RecordingUI ui = new(confirm);

    public List<string> Lines => ui.Lines;

    public List<string> Questions => ui.Questions;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override string Name => "RecordingHost";

    public override PSHostUserInterface UI => ui;

    public override Version Version => new(1, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    private sealed class RecordingUI(bool confirm) : PSHostUserInterface
    {
        public List<string> Lines { get; } = [];

        public List<string> Questions { get; } = [];

        public override PSHostRawUserInterface? RawUI => null;

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            lock (Questions)
            {
                Questions.Add(message);
            }

            // "Yes" is the first choice, "No" the third (Yes, Yes to All, No, No to All, Suspend).
            return confirm ? 0 : 2;
        }

        /// <summary>A person who pressed Enter at the password prompt: the user name, an empty password.</summary>
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            new(userName, new SecureString());

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            new(userName, new SecureString());

        public override string ReadLine() => throw new NotSupportedException();

        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

        public override void Write(string value) => Add(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Add(value);

        public override void WriteDebugLine(string message) => Add("DEBUG: " + message);

        public override void WriteErrorLine(string value) => Add(value);

        public override void WriteLine(string value) => Add(value);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override void WriteVerboseLine(string message) => Add("VERBOSE: " + message);

        public override void WriteWarningLine(string message) => Add("WARNING: " + message);

        private void Add(string text)
        {
            lock (Lines)
            {
                Lines.Add(text);
            }
        }
    }
}
