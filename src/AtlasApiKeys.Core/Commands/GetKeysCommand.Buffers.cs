using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core.Commands;

/// <summary>The buffers behind Get-AtlasProjectApiKey's paging and ordered fan-out.</summary>
public static partial class GetKeysCommand
{
    /// <summary>-Skip and -First over the whole output.</summary>
    private sealed class Paging(GetKeysRequest request)
    {
        public ulong Skip { get; set; } = request.Skip;

        public ulong First { get; private set; } = request.First;

        /// <summary>Writes what paging lets through; false once -First is reached.</summary>
        public bool Write(ICommandSink sink, IReadOnlyList<ProjectApiKey> keys)
        {
            foreach (var key in keys)
            {
                if (First == 0)
                {
                    return false;
                }

                if (Skip > 0)
                {
                    Skip--;
                    continue;
                }

                sink.WriteObject(key);
                First--;
            }

            return First > 0;
        }
    }

    /// <summary>One project's keys as they arrive, until the writer reaches it.</summary>
    private sealed class ProjectBuffer(string project)
    {
        private readonly object gate = new();
        private List<ProjectApiKey> keys = [];
        private TaskCompletionSource<bool> signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool done;
        private Exception? error;

        public string Project { get; } = project;

        /// <summary>The server's count for the project (from its first page).</summary>
        public long Total { get; private set; } = -1;

        public void Add(ProjectApiKeyPage page)
        {
            lock (gate)
            {
                keys.AddRange(page.Keys);
                if (Total < 0)
                {
                    Total = page.TotalCount ?? 0;
                }

                signal.TrySetResult(true);
            }
        }

        public void Finish(Exception? failure)
        {
            lock (gate)
            {
                done = true;
                error = failure;
                signal.TrySetResult(true);
            }
        }

        public (List<ProjectApiKey> Keys, bool Done, Exception? Error) Take()
        {
            lock (gate)
            {
                var taken = keys;
                keys = [];
                signal = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                return (taken, done, error);
            }
        }

        public Task WaitAsync(CancellationToken token)
        {
            Task wait;
            lock (gate)
            {
                wait = done || keys.Count > 0 ? Task.CompletedTask : signal.Task;
            }

            return wait.IsCompleted ? wait : WaitOrCancel(wait, token);
        }

        private static async Task WaitOrCancel(Task wait, CancellationToken token)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (token.Register(() => cancelled.TrySetCanceled()))
            {
                await (await Task.WhenAny(wait, cancelled.Task).ConfigureAwait(true)).ConfigureAwait(true);
            }
        }
    }
}
