// Locals declared before a co_await and touched only after it, in scopes that
// end before the next suspend: `{ char buf[N]; co_await x; fill(buf); ... }`.
// Stock LLVM's split sinks their lifetime.start past the suspend
// (sinkLifetimeStartMarkers) and keeps them on the stack of the resume
// function; coropack must start them where the split does (pass/segments.c),
// or lower mode sees frames larger than stock's. Mixed with buffers that do
// cross a suspend, one in a loop, values live across everything, and
// generators destroyed after a varying number of resumes.
#include "diff.h"
using namespace diff;

__attribute__((noinline)) static void fill(unsigned char *p, int n, uint64_t seed) {
  for (int i = 0; i < n; ++i)
    p[i] = static_cast<unsigned char>(mix(seed, static_cast<uint64_t>(i)));
}
__attribute__((noinline)) static uint64_t digest(const unsigned char *p, int n) {
  uint64_t h = 0;
  for (int i = 0; i < n; ++i)
    h = mix(h, p[i]);
  return h;
}

__attribute__((noinline)) Generator<uint64_t> reader(int seed) {
  uint64_t keep = mix(opaque<uint64_t>(static_cast<uint64_t>(seed)), 7);
  {
    unsigned char big[512];
    co_yield keep; // big is not touched before this suspend
    fill(big, 512, keep);
    keep = mix(keep, digest(big, 512));
  }
  for (int i = 0; i < 4; ++i) {
    unsigned char mid[96];
    co_yield keep + static_cast<uint64_t>(i);
    fill(mid, 96, keep + static_cast<uint64_t>(i));
    keep = mix(keep, digest(mid, 96));
  }
  unsigned char across[64]; // filled before a suspend, read after it
  fill(across, 64, keep);
  co_yield keep;
  keep = mix(keep, digest(across, 64));
  {
    unsigned char tail[300];
    co_yield keep;
    fill(tail, 300, keep);
    co_yield digest(tail, 300); // tail crosses this one
    keep = mix(keep, digest(tail, 300));
  }
  co_yield keep;
}

int main() {
  uint64_t h = 0;
  for (int n = 0; n < 40; ++n) {
    Generator<uint64_t> g = reader(n);
    int stop = n % 11; // destroyed after 0..10 resumes, or run to the end
    for (int k = 0; (stop == 10 || k < stop) && g.next(); ++k)
      h = mix(h, g.value());
  }
  std::printf("declared_before_await %016llx\n", static_cast<unsigned long long>(h));
  return finish();
}
