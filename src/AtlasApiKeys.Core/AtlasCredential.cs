using System;
using System.Runtime.InteropServices;
using System.Security;

namespace AtlasApiKeys.Core;

/// <summary>How a session proves who it is. The secret half never appears in ToString.</summary>
public abstract class AtlasCredential
{
    private protected AtlasCredential()
    {
    }

    internal static string Unprotect(SecureString value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        var ptr = IntPtr.Zero;
        try
        {
            ptr = Marshal.SecureStringToGlobalAllocUnicode(value);
            return Marshal.PtrToStringUni(ptr) ?? string.Empty;
        }
        finally
        {
            if (ptr != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }

    internal static SecureString Protect(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>True when <paramref name="other"/> is the same kind of credential with the same id and secret
    /// (ordinal comparison; both are already in this process's memory).</summary>
    internal abstract bool SameAs(AtlasCredential other);

    private protected static string Require(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {name} must not be empty.", name);
        }

        return value!;
    }
}
