// Compiled into the net8.0 builds of AtlasApiKeys and AtlasApiKeys.Core, which take C#'s unoptimized code generation
// for its class state machines (ClassStateMachines.props says why). Stated here, the compiler does not synthesize its own
// DebuggableAttribute, whose DisableOptimizations would keep the JIT from optimizing the module's code.
[assembly: System.Diagnostics.Debuggable(System.Diagnostics.DebuggableAttribute.DebuggingModes.IgnoreSymbolStoreSequencePoints)]
