// A plugin build prints the same coro-split remarks as a stock build: one
// per coroutine, under the coroutine's own name, with the frame size the
// stock build has. coropack's trial splits of scratch copies (which decide
// whether packing pays) say nothing, on the terminal or in a remark file.
// And the stock size coropack reports is what a stock build allocates.
//
// RUN: %clangxx -O2 -c %s -o /dev/null -Rpass=coro-split 2> %t.stock
// RUN: env COROPACK_MODE=pack %clangxx -O2 -c %s -o /dev/null -fpass-plugin=%plugin \
// RUN:   '-Rpass=coro-split|coro-pack' -fsave-optimization-record \
// RUN:   -foptimization-record-file=%t.yaml 2> %t.pack
// RUN: cat %t.stock %t.pack | FileCheck %s
// RUN: FileCheck --check-prefix=YAML %s < %t.yaml
// RUN: env COROPACK_MODE=lower %clangxx -O2 -c %s -o /dev/null -fpass-plugin=%plugin \
// RUN:   -Rpass=coro-split 2> %t.lower
// RUN: FileCheck --check-prefix=LOWER --allow-empty %s < %t.lower
//
// The stock build:
// CHECK: Split '_Z4packl' (frame_size=[[PACK:[0-9]+]],
// CHECK-NOT: Split
// CHECK: Split '_Z5stockl' (frame_size=[[STOCK:[0-9]+]],
// CHECK-NOT: Split
// The plugin build: the same remarks, and the coropack remarks' stock size
// is the stock build's frame.
// CHECK-NOT: Split '{{.*}}trial
// CHECK: Split '_Z4packl' (frame_size=
// CHECK-NOT: Split
// CHECK: coroutine frame of pack(long): [[PACK]] bytes stock,
// CHECK-NOT: Split '{{.*}}trial
// CHECK: Split '_Z5stockl' (frame_size=[[STOCK]],
// CHECK-NOT: Split
// CHECK: coroutine frame of stock(long): [[STOCK]] bytes stock, [[STOCK]] bytes packed
// CHECK-NOT: Split
//
// YAML-NOT: coropack.trial
// YAML: Name: CoroSplit
// YAML-NOT: coropack.trial
// YAML: Name: CoroSplit
// YAML-NOT: coropack.trial
//
// LOWER-NOT: coropack.trial
#include <coroutine>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

extern long sink(long);

// Four values, two live at each suspend: packing saves bytes.
task pack(long a) {
  long x = sink(a), y = sink(a + 1);
  co_await std::suspend_always{};
  sink(x + y);
  long z = sink(a + 2), w = sink(a + 3);
  co_await std::suspend_always{};
  sink(z + w);
}

// One value: nothing to pack.
task stock(long a) {
  long x = sink(a);
  co_await std::suspend_always{};
  sink(x);
}
