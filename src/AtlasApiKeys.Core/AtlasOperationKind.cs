namespace AtlasApiKeys.Core;

/// <summary>What a call does on the server: the one fact that decides whether it may be sent again
/// and what it means when its answer is lost.</summary>
internal enum AtlasOperationKind
{
    /// <summary>Changes nothing: sent again after any failure, a broken answer included.</summary>
    Read,

    /// <summary>Makes something new (a key): never sent again once an attempt may have reached the
    /// server, since a second copy would make a second key.</summary>
    Create,

    /// <summary>Sets state to what the request says (assign, update, unassign): a second copy does
    /// no more than the first, so it may be sent again; its broken answer is not, as the change is made.</summary>
    IdempotentWrite,
}
