// C++ only: attaches the collect hooks to a pass-instrumentation object, so
// that they run around every CoroSplitPass (in opt, clang or the CLI).
#ifndef COROPACK_HOOKS_H
#define COROPACK_HOOKS_H

#include "shim.h"

namespace llvm {
class PassInstrumentationCallbacks;
}

void coropack_attach_split_hooks(llvm::PassInstrumentationCallbacks &PIC,
                                 coropack_split_hook before, coropack_split_hook after,
                                 void *ctx);

#endif
