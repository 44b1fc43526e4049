using System;

namespace AtlasApiKeys.Commands;

/// <summary>The warning written with a new key: its private key shows only now, and how to keep it.
/// Its lines fit 80 columns after "WARNING: ".</summary>
internal static class NewKeyWarning
{
    /// <summary>The warning for the key whose public key is <paramref name="publicKey"/>, made by
    /// <paramref name="command"/> (New-AtlasProjectApiKey).</summary>
    public static string Text(string publicKey, string command) => string.Join(
        Environment.NewLine,
        $"Atlas shows the private key of API key {publicKey} only now, in the",
        "PrivateKey property of this output. Capture it and keep it in a vault:",
        $"  $key = {command} ...",
        "  $cred = [pscredential]::new($key.PublicKey, $key.PrivateKey)",
        $"  Set-Secret -Name atlas-{publicKey} -Secret $cred  # SecretManagement",
        "(ConvertFrom-SecureString does not encrypt on Linux or macOS.)");
}
