namespace AtlasApiKeys.Core.Errors;

/// <summary>A field Atlas named as wrong in a 400 answer.</summary>
public sealed class AtlasFieldViolation
{
    /// <summary>Creates a violation.</summary>
    public AtlasFieldViolation(string field, string description)
    {
        Field = field;
        Description = description;
    }

    /// <summary>The path of the field in the request body.</summary>
    public string Field { get; }

    /// <summary>Why it is wrong.</summary>
    public string Description { get; }
}
