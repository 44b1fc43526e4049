using System;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>A test with its own stub server and its own runspace with the module imported.</summary>
public abstract class CmdletTest : StubTest, IDisposable
{
    private InProcessPwsh? pwsh;

    protected InProcessPwsh Pwsh => pwsh ??= new InProcessPwsh();

    public void Dispose()
    {
        pwsh?.Dispose();
        GC.SuppressFinalize(this);
    }
}
