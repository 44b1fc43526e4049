namespace AtlasApiKeys.Core;

/// <summary>One kind of call and what its caller is told when its answer is lost: the only place that
/// knows what may be retried (<see cref="MaySendAgain"/>, <see cref="RetriesBrokenAnswer"/>), what
/// answer means an earlier copy already did the work (<see cref="DoneAlreadyCode"/>), and what to do
/// when the outcome is unknown (<see cref="LostAnswerAdvice"/>).</summary>
internal sealed class AtlasOperation
{
    private AtlasOperation(AtlasOperationKind kind, string? doneAlreadyCode, string? lostAnswerAdvice)
    {
        Kind = kind;
        DoneAlreadyCode = doneAlreadyCode;
        LostAnswerAdvice = lostAnswerAdvice;
    }

    /// <summary>A listing or any other read.</summary>
    public static AtlasOperation Read { get; } = new(AtlasOperationKind.Read, null, null);

    /// <summary>The token endpoint: asking again only issues another token, so it is retried like a read.</summary>
    public static AtlasOperation FetchToken { get; } = new(AtlasOperationKind.Read, null, null);

    /// <summary>A request that declared nothing: treated as the most careful kind, a create.</summary>
    public static AtlasOperation Undeclared { get; } = new(AtlasOperationKind.Create, null, null);

    public AtlasOperationKind Kind { get; }

    /// <summary>The Atlas errorCode that, after an earlier copy of this call may have reached the
    /// server, means that copy did the work (assign: API_KEY_ALREADY_IN_GROUP; unassign: RESOURCE_NOT_FOUND).</summary>
    public string? DoneAlreadyCode { get; }

    /// <summary>What to do when the call may have acted although no answer says so (null for a read).</summary>
    public string? LostAnswerAdvice { get; }

    /// <summary>True when a lost answer leaves the server's state unknown.</summary>
    public bool MayHaveActed => Kind != AtlasOperationKind.Read;

    /// <summary>A body cut, reset or malformed is asked for again (reads only: a change's answer
    /// arrives after the change is made).</summary>
    public bool RetriesBrokenAnswer => Kind == AtlasOperationKind.Read;

    public static AtlasOperation Create(string projectId, string description) => new(
        AtlasOperationKind.Create,
        null,
        $"The key may have been created all the same, and its private key, which Atlas shows only once, lost with the answer: look for a key described '{description}' that was not there before (Get-AtlasProjectApiKey -ProjectId {projectId} | Where-Object Description -eq '{description.Replace("'", "''")}'; descriptions may repeat, so compare ids with the keys you know); if there is one, delete it (Remove-AtlasOrgApiKey -ApiKeyId <its id>) and create the key again.");

    public static AtlasOperation Assign(string projectId, string apiKeyId) => new(
        AtlasOperationKind.IdempotentWrite,
        "API_KEY_ALREADY_IN_GROUP",
        $"The key may have been assigned all the same: read it (Get-AtlasProjectApiKey -ProjectId {projectId} -ApiKeyId {apiKeyId}) to see whether it is in the project with the roles asked for.");

    public static AtlasOperation Update(string projectId, string apiKeyId) => new(
        AtlasOperationKind.IdempotentWrite,
        null,
        $"The change may have been made all the same: read the key (Get-AtlasProjectApiKey -ProjectId {projectId} -ApiKeyId {apiKeyId}) to see whether it took before trying again.");

    public static AtlasOperation Unassign(string projectId, string apiKeyId) => new(
        AtlasOperationKind.IdempotentWrite,
        "RESOURCE_NOT_FOUND",
        $"The key may have been unassigned all the same: read it (Get-AtlasProjectApiKey -ProjectId {projectId} -ApiKeyId {apiKeyId}) to see whether it is still in the project.");

    /// <summary>Another idempotent write (the organization's keys and access lists).</summary>
    public static AtlasOperation Write(string? doneAlreadyCode, string lostAnswerAdvice) => new(AtlasOperationKind.IdempotentWrite, doneAlreadyCode, lostAnswerAdvice);

    /// <summary>Whether another attempt may be sent, given whether an earlier one may have reached
    /// the server (a create may not; everything else may).</summary>
    public bool MaySendAgain(bool earlierMayHaveReached) => Kind != AtlasOperationKind.Create || !earlierMayHaveReached;
}
