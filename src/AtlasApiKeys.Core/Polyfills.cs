// Language support types that netstandard2.0 lacks.
#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
#endif
