// C++ only: attaches the collect hooks to a pass-instrumentation object, so
// that they run around every CoroSplitPass (in opt, clang or the CLI).
#ifndef COROPACK_HOOKS_H
#define COROPACK_HOOKS_H

#include <memory>

#include "shim.h"

namespace llvm {
class PassInstrumentationCallbacks;
}

// owner, when set, is kept alive as long as the callbacks (ctx is usually
// owner's object).
void coropack_attach_split_hooks(llvm::PassInstrumentationCallbacks &PIC,
                                 coropack_split_hook before, coropack_split_hook after,
                                 void *ctx, std::shared_ptr<void> owner = nullptr);

#endif
