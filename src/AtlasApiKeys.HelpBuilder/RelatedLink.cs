namespace AtlasApiKeys.HelpBuilder;

/// <summary>A RELATED LINKS entry; Uri is empty unless the link is a web address.</summary>
internal sealed record RelatedLink(string Text, string Uri);
